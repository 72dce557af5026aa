package solver

import (
	"errors"
	"strings"
	"testing"
)

func TestViolations(t *testing.T) {
	var v Violations
	if err := v.Err(); err != nil {
		t.Fatalf("empty Violations: got %v, want nil", err)
	}
	v.Add("stops[3].demand.weight_kg", "must be >= 0, got %g", -2.5)
	for i := range MaxViolations + 5 {
		v.Add("x", "n=%d", i)
	}
	err := v.Err()
	ie, ok := errors.AsType[*InputError](err)
	if !ok {
		t.Fatalf("got %T, want *InputError", err)
	}
	if got := ie.Field(); got != "stops[3].demand.weight_kg" {
		t.Errorf("Field: got %q", got)
	}
	if len(ie.Violations) != MaxViolations || ie.Dropped != 6 {
		t.Errorf("got %d listed + %d dropped, want %d + 6", len(ie.Violations), ie.Dropped, MaxViolations)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "stops[3].demand.weight_kg: must be >= 0, got -2.5 (and 55 more)") {
		t.Errorf("message: got %q", msg)
	}
}
