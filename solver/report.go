package solver

import (
	"errors"
	"fmt"
)

// ErrCheck reports an answer that failed its solver's independent check:
// a bug in the solver, never the caller's fault. Each solver's own check
// error wraps it.
var ErrCheck = errors.New("answer failed its independent check")

// Report is a checker's verdict on an answer, shared by the four solvers'
// Check functions (their reports embed it and add figures of their own).
// Violations name each broken rule by its path in the output, such as
// "waves[0].batches[3].picks[2]" or "assignments[7].units"; at most
// MaxViolations are listed and Dropped counts the rest.
type Report struct {
	// Feasible is true when the answer breaks no rule (no violations).
	Feasible   bool        `json:"feasible"`
	Violations []Violation `json:"violations"`
	Dropped    int         `json:"dropped,omitempty"`
}

// Add records that the answer's field breaks the rule described by format
// and args, and marks the report infeasible.
func (r *Report) Add(field, format string, args ...any) {
	r.Feasible = false
	if len(r.Violations) >= MaxViolations {
		r.Dropped++
		return
	}
	r.Violations = append(r.Violations, Violation{Field: field, Message: fmt.Sprintf(format, args...)})
}

// NewReport returns a feasible report with no violations, ready for Add.
func NewReport() Report { return Report{Feasible: true, Violations: []Violation{}} }

// Err returns nil for a feasible report, and otherwise an error wrapping
// both sentinel (the solver's own check error) and ErrCheck, quoting the
// first violation and counting the others.
func (r *Report) Err(sentinel error) error {
	if r.Feasible {
		return nil
	}
	if len(r.Violations) == 0 {
		return fmt.Errorf("%w (%w)", sentinel, ErrCheck)
	}
	msg := r.Violations[0].String()
	if n := len(r.Violations) - 1 + r.Dropped; n > 0 {
		msg += fmt.Sprintf(" (and %d more)", n)
	}
	return fmt.Errorf("%w (%w): %s", sentinel, ErrCheck, msg)
}
