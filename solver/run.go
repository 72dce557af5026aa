package solver

import (
	"context"
	"errors"
	"time"
)

// StopReason says why a search ended.
type StopReason string

const (
	StopTimeLimit  StopReason = "time_limit" // the time limit or ctx deadline passed
	StopIterations StopReason = "iterations" // the iteration budget was spent
	StopCanceled   StopReason = "canceled"   // ctx was canceled
	StopConverged  StopReason = "converged"  // the search proved optimality or ran out of moves
)

// Stats describes one solve. Every solver returns it with its output.
type Stats struct {
	Stop       StopReason `json:"stop"`
	Iterations int64      `json:"iterations"`
	RuntimeS   float64    `json:"runtime_s"`
	Seed       uint64     `json:"seed"`
	Threads    int        `json:"threads"`
}

// ReasonFor maps a context error to the stop reason it stands for: a passed
// deadline is a time limit, anything else a cancellation.
func ReasonFor(err error) StopReason {
	if errors.Is(err, context.DeadlineExceeded) {
		return StopTimeLimit
	}
	return StopCanceled
}

// WithTimeLimit returns ctx limited by d when d > 0, and ctx itself with a
// no-op cancel otherwise.
func WithTimeLimit(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d > 0 {
		return context.WithTimeout(ctx, d)
	}
	return ctx, func() {}
}

// Since returns the seconds elapsed since start.
func Since(start time.Time) float64 { return time.Since(start).Seconds() }

// MaxTimeLimitS bounds a time limit in seconds (about 11.6 days), far
// below where a time.Duration overflows.
const MaxTimeLimitS = 1e6

// Seconds converts a time limit in seconds, as every solver's Options
// carries it on the wire (time_limit_s), to a duration; 0 stays 0 (no
// limit). Options.Validate rejects what CheckTimeLimit rejects.
func Seconds(s float64) time.Duration {
	if !(s > 0) {
		return 0
	}
	return time.Duration(min(s, MaxTimeLimitS) * float64(time.Second))
}

// CheckTimeLimit adds a violation of field to v when s is not a finite
// number in [0, MaxTimeLimitS].
func CheckTimeLimit(v *Violations, field string, s float64) {
	if !(s >= 0 && s <= MaxTimeLimitS) {
		v.Add(field, "must be a number of seconds in [0, %g], got %g", float64(MaxTimeLimitS), s)
	}
}
