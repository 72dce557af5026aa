// Package solver holds what the four solvers (vrp, wave, alloc, stock) share:
// the input-error type that names wire fields, the checkers' report, the
// worker group that contains panics, the run statistics every solve
// reports, and DecodeJSON (jsonfile.go), the strict reading of a JSON file
// whose errors say file:line:column.
//
// The contract every solver keeps: an entry point takes a ctx and an
// Options struct that is its wire format (time limits in seconds,
// time_limit_s, with TimeLimit() as a duration); Options.Validate and the
// input validation list every violation with its wire path in an
// *InputError (errors.go); the answer is rechecked by an independent
// Check returning a Report (report.go: feasible, violations by output
// path), and an answer that fails is an error wrapping ErrCheck, never a
// result; worker goroutines start through Group and the entry point
// defers Recover (group.go), so a panic in the search or any worker
// returns as a *PanicError carrying the stack instead of ending the
// process. Stats says how a search ended (StopReason), how long it ran and
// with which seed. Solver packages share contracts, never search code.
package solver
