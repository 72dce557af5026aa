package reroute

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"fulfil/solver"
)

// FuzzReadEvents: any file gives events or an input error naming a line,
// never a panic.
func FuzzReadEvents(f *testing.F) {
	for _, s := range []string{
		`{"at": "07:30", "type": "traffic", "center": [121.47, 31.23], "radius_m": 3000, "factor": 2.0, "until": "09:00"}`,
		`{"at": "08:10", "type": "breakdown", "truck": "T03"}` + "\n" + `{"at": "08:30", "type": "new_order", "pickup_point": "P017", "weight_kg": 120, "deadline": "11:00"}`,
		`{"at": "09:00", "type": "cancel", "pickup_point": "P033"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		ev, err := ReadEvents(strings.NewReader(src), "ev", names)
		if err != nil {
			if _, ok := errors.AsType[*solver.InputError](err); !ok && !strings.Contains(err.Error(), "reading ev") {
				t.Fatalf("got %v, want an input error", err)
			}
			return
		}
		for i := 1; i < len(ev); i++ {
			if ev[i].AtS < ev[i-1].AtS {
				t.Fatalf("events out of order: %+v", ev)
			}
		}
	})
}

// FuzzRequestValidate: any decodable request is accepted or refused with
// an input error, never a panic.
func FuzzRequestValidate(f *testing.F) {
	f.Add([]byte(`{"state": {"now_s": 1}, "events": {"breakdowns": ["T1"], "cancelled": ["x"]}}`))
	f.Add([]byte(`{"events": {"traffic": [{"center": [121, 31], "radius_m": 100, "start_s": 0, "end_s": 1, "factor": 2}]}}`))
	f.Add([]byte(`{"state": {"vehicles": [{"vehicle": "T1", "at_depot": true, "next": "a"}]}, "options": {"threshold_s": -1}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(raw) > 4096 {
			return
		}
		var rq Request
		dec := json.NewDecoder(bytes.NewReader(raw))
		if dec.Decode(&rq) != nil {
			return
		}
		if err := rq.validate(); err != nil {
			if _, ok := errors.AsType[*solver.InputError](err); !ok {
				t.Fatalf("got %v, want an input error", err)
			}
		}
	})
}
