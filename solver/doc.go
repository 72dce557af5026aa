// Package solver holds what the four solvers (vrp, wave, alloc, stock) share:
// the input-error type that names wire fields, and the run statistics every
// solve reports.
//
// InputError lists every violation found while validating an input, each
// with the field's wire path (stops[17].demand.weight_kg) and a message.
// Stats says how a search ended (StopReason), how long it ran and with which
// seed. Solver packages share contracts, never search code.
package solver
