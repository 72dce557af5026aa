package solver

import (
	"errors"
	"fmt"
	"strings"
)

// MaxViolations caps how many violations one InputError lists; further ones
// are counted in Dropped.
const MaxViolations = 50

// Violation is one problem with one input field.
type Violation struct {
	// Field is the wire path of the offending field, such as
	// "stops[17].demand.weight_kg" or "vehicles[2].shift.end_s".
	Field string `json:"field"`
	// Message says what is wrong, in lower case, quoting the value.
	Message string `json:"message"`
}

func (v Violation) String() string { return v.Field + ": " + v.Message }

// InputError reports an input that fails validation. It lists every
// violation found (at most MaxViolations), so that a caller can fix them all
// at once.
type InputError struct {
	Violations []Violation `json:"violations"`
	Dropped    int         `json:"dropped,omitempty"` // violations beyond MaxViolations
}

func (e *InputError) Error() string {
	if len(e.Violations) == 0 {
		return "invalid input"
	}
	var b strings.Builder
	b.WriteString(e.Violations[0].String())
	if n := len(e.Violations) - 1 + e.Dropped; n > 0 {
		fmt.Fprintf(&b, " (and %d more)", n)
	}
	return b.String()
}

// Field returns the wire path of the first violation, or "".
func (e *InputError) Field() string {
	if len(e.Violations) == 0 {
		return ""
	}
	return e.Violations[0].Field
}

// Violations collects input violations during validation. The zero value is
// ready to use.
type Violations struct {
	list    []Violation
	dropped int
}

// Add records that field violates the rule described by format and args.
func (v *Violations) Add(field, format string, args ...any) {
	if len(v.list) >= MaxViolations {
		v.dropped++
		return
	}
	v.list = append(v.list, Violation{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Len reports how many violations were added, including dropped ones.
func (v *Violations) Len() int { return len(v.list) + v.dropped }

// Full reports whether the list is at its cap, so that a validator may stop
// looking.
func (v *Violations) Full() bool { return len(v.list) >= MaxViolations }

// Err returns nil when nothing was added, or an *InputError listing every
// violation.
func (v *Violations) Err() error {
	if len(v.list) == 0 {
		return nil
	}
	return &InputError{Violations: append([]Violation(nil), v.list...), Dropped: v.dropped}
}

// Errorf returns an *InputError with the single violation field: message.
func Errorf(field, format string, args ...any) error {
	var v Violations
	v.Add(field, format, args...)
	return v.Err()
}

// Under returns err with every field path of an *InputError put under
// prefix ("options"), and any other error as it is.
func Under(prefix string, err error) error {
	ie, ok := errors.AsType[*InputError](err)
	if !ok {
		return err
	}
	out := &InputError{Violations: make([]Violation, len(ie.Violations)), Dropped: ie.Dropped}
	for i, v := range ie.Violations {
		out.Violations[i] = Violation{Field: prefix + "." + v.Field, Message: v.Message}
	}
	return out
}
