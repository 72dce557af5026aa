package reroute

import (
	"errors"
	"strings"
	"testing"

	"fulfil/solver"
)

var names = Names{Trucks: []string{"T01", "T03"}, PickupPoints: []string{"P017", "P033"}}

func TestReadEventsGood(t *testing.T) {
	src := `{"at": "07:30", "type": "traffic", "center": [121.47, 31.23], "radius_m": 3000, "factor": 2.0, "until": "09:00"}

{"at": "08:10", "type": "breakdown", "truck": "T03"}
{"at": "08:30", "type": "new_order", "pickup_point": "P017", "weight_kg": 120, "volume_m3": 0.4, "deadline": "11:00"}
{"at": "09:00", "type": "cancel", "pickup_point": "P033"}
`
	ev, err := ReadEvents(strings.NewReader(src), "events.jsonl", names)
	if err != nil {
		t.Fatal(err)
	}
	if len(ev) != 4 {
		t.Fatalf("got %d events, want 4", len(ev))
	}
	want := []struct {
		typ            string
		line, at, more int
	}{
		{EventTraffic, 1, 7*3600 + 1800, 9 * 3600},
		{EventBreakdown, 3, 8*3600 + 600, 0},
		{EventNewOrder, 4, 8*3600 + 1800, 11 * 3600},
		{EventCancel, 5, 9 * 3600, 0},
	}
	for i, w := range want {
		e := ev[i]
		more := e.UntilS + e.DeadlineS
		if e.Type != w.typ || e.Line != w.line || e.AtS != w.at || more != w.more {
			t.Errorf("event %d: got %s line %d at %d until/deadline %d, want %s line %d at %d %d",
				i, e.Type, e.Line, e.AtS, more, w.typ, w.line, w.at, w.more)
		}
	}
	if ev[2].WeightKg != 120 || ev[2].VolumeM3 != 0.4 || ev[0].Factor != 2 || (*ev[0].Center)[0] != 121.47 {
		t.Errorf("values not kept: %+v %+v", ev[0], ev[2])
	}
}

func TestReadEventsBad(t *testing.T) {
	for _, tc := range []struct {
		name, src, field, msg string
	}{
		{"unknown truck", `{"at": "08:10", "type": "breakdown", "truck": "T99"}`, "ev:1:truck", `unknown truck "T99"`},
		{"unknown point", `{"at": "08:10", "type": "cancel", "pickup_point": "P999"}`, "ev:1:pickup_point", `unknown pickup point "P999"`},
		{"factor zero", `{"at": "07:30", "type": "traffic", "center": [121, 31], "radius_m": 3000, "factor": 0, "until": "09:00"}`, "ev:1:factor", "must be in (0, 100], got 0"},
		{"factor negative", `{"at": "07:30", "type": "traffic", "center": [121, 31], "radius_m": 3000, "factor": -1, "until": "09:00"}`, "ev:1:factor", "got -1"},
		{"until before at", `{"at": "07:30", "type": "traffic", "center": [121, 31], "radius_m": 3000, "factor": 2, "until": "07:00"}`, "ev:1:until", "must be after at"},
		{"bad center", `{"at": "07:30", "type": "traffic", "center": [200, 31], "radius_m": 3000, "factor": 2, "until": "09:00"}`, "ev:1:center", "longitude"},
		{"zero radius", `{"at": "07:30", "type": "traffic", "center": [121, 31], "radius_m": 0, "factor": 2, "until": "09:00"}`, "ev:1:radius_m", "must be in (0, 100000]"},
		{"out of order", "{\"at\": \"09:00\", \"type\": \"breakdown\", \"truck\": \"T01\"}\n{\"at\": \"08:10\", \"type\": \"breakdown\", \"truck\": \"T03\"}", "ev:2:at", "time order"},
		{"bad clock", `{"at": "8:10", "type": "breakdown", "truck": "T01"}`, "ev:1:at", `HH:MM, got "8:10"`},
		{"hour 24", `{"at": "24:00", "type": "breakdown", "truck": "T01"}`, "ev:1:at", "from 00:00 to 23:59"},
		{"missing at", `{"type": "breakdown", "truck": "T01"}`, "ev:1:at", "missing"},
		{"unknown type", `{"at": "08:00", "type": "flood"}`, "ev:1:type", `got "flood"`},
		{"missing key", `{"at": "08:00", "type": "breakdown"}`, "ev:1:truck", "missing"},
		{"foreign key", `{"at": "08:00", "type": "breakdown", "truck": "T01", "factor": 2}`, "ev:1:factor", "not a field of a breakdown event"},
		{"negative weight", `{"at": "08:30", "type": "new_order", "pickup_point": "P017", "weight_kg": -5, "deadline": "11:00"}`, "ev:1:weight_kg", "got -5"},
		{"deadline before", `{"at": "08:30", "type": "new_order", "pickup_point": "P017", "deadline": "08:00"}`, "ev:1:deadline", "must be after at"},
		{"not json", `{"at": "08:30",`, "ev:1:json", "not a JSON object"},
		{"wrong type of value", `{"at": "08:30", "type": "breakdown", "truck": 3}`, "ev:1:json", "string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadEvents(strings.NewReader(tc.src), "ev", names)
			ie, ok := errors.AsType[*solver.InputError](err)
			if !ok {
				t.Fatalf("got %v, want an *solver.InputError", err)
			}
			for _, v := range ie.Violations {
				if v.Field == tc.field && strings.Contains(v.Message, tc.msg) {
					return
				}
			}
			t.Errorf("got %v, want %s: ...%s...", ie.Violations, tc.field, tc.msg)
		})
	}
}

func TestClock(t *testing.T) {
	for _, tc := range []struct {
		s    float64
		want string
	}{{0, "00:00"}, {11 * 3600, "11:00"}, {7*3600 + 29*60 + 31, "07:30"}, {24*3600 + 600, "24:10"}} {
		if got := FormatClock(tc.s); got != tc.want {
			t.Errorf("FormatClock(%g): got %s, want %s", tc.s, got, tc.want)
		}
	}
	if s, err := ParseClock("23:59"); err != nil || s != 23*3600+59*60 {
		t.Errorf("ParseClock(23:59): got %d, %v", s, err)
	}
}
