// Package bench measures solution quality against published best-known
// values: it solves every instance of a benchmark set under a time budget,
// rechecks each solution with the solver's own validator, and reports cost,
// gap to the best-known value, time and feasibility per instance.
//
// harness.go runs a Set instance by instance; sets.go finds what kind of set
// a folder holds (CVRPLIB, Solomon, GAP, picker routing) and lists its
// instances with their best-known values; report.go writes the table as
// Markdown, CSV or JSON. The per-kind runners live in run_*.go.
package bench
