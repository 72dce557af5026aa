package vroom_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fulfil/vroom"
)

// Bad breaks, and break keys the solver cannot express, are code 2
// naming the key.
func TestBreakInputErrors(t *testing.T) {
	const mat = `"matrices":{"car":{"durations":[[0,1],[1,0]]}}`
	for _, c := range []struct{ name, body, key string }{
		{"max_load", `{"vehicles":[{"id":1,"start_index":0,"breaks":[{"id":1,"max_load":[2]}]}],"jobs":[],` + mat + `}`, "vehicles[0].breaks[0].max_load"},
		{"two windows", `{"vehicles":[{"id":1,"start_index":0,"breaks":[{"id":1,"time_windows":[[0,5],[9,12]]}]}],"jobs":[],` + mat + `}`, "vehicles[0].breaks[0].time_windows"},
		{"bad window", `{"vehicles":[{"id":1,"start_index":0,"breaks":[{"id":1,"time_windows":[[7,5]]}]}],"jobs":[],` + mat + `}`, "vehicles[0].breaks[0].time_windows[0]"},
		{"duplicate id", `{"vehicles":[{"id":1,"start_index":0,"breaks":[{"id":1},{"id":1}]}],"jobs":[],` + mat + `}`, "vehicles[0].breaks[1].id"},
		{"service", `{"vehicles":[{"id":1,"start_index":0,"breaks":[{"id":1,"service":-3}]}],"jobs":[],` + mat + `}`, "vehicles[0].breaks[0].service"},
		{"max_travel_time", `{"vehicles":[{"id":1,"start_index":0,"max_travel_time":100,"breaks":[{"id":1}]}],"jobs":[],` + mat + `}`, "vehicles[0].max_travel_time"},
		{"unknown break step", `{"vehicles":[{"id":1,"start_index":0,"breaks":[{"id":1}],"steps":[{"type":"break","id":2}]}],"jobs":[],` + mat + `}`, "vehicles[0].steps[0].id"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := vroom.SolveJSON(context.Background(), []byte(c.body), fast)
			e, ok := errors.AsType[*vroom.Error](err)
			if !ok || e.Code != vroom.CodeInput || !strings.Contains(e.Message, c.key) {
				t.Errorf("got %v, want code 2 naming %s", err, c.key)
			}
		})
	}
}

// An optimised route takes each break once within its window, where the
// vehicle is: here the break's window opens after the first job, so it is
// taken there and the second job waits for it.
func TestBreakOptimised(t *testing.T) {
	in := decode(t, `{"vehicles":[{"id":1,"start_index":0,"end_index":0,"time_window":[0,1000],
		"breaks":[{"id":7,"service":50,"time_windows":[[100,120]]}]}],
		"jobs":[{"id":1,"location_index":1,"service":10},{"id":2,"location_index":2,"service":10,"time_windows":[[150,400]]}],
		"matrices":{"car":{"durations":[[0,40,60],[40,0,30],[60,30,0]]}}}`)
	out := solve(t, in)
	if len(out.Unassigned) != 0 || len(out.Summary.Violations) != 0 {
		t.Fatalf("unassigned %v, violations %v; want none", out.Unassigned, out.Summary.Violations)
	}
	var got []string
	for _, st := range out.Routes[0].Steps {
		got = append(got, st.Type)
		if st.Type == "break" {
			if start := st.Arrival + st.WaitingTime; start < 100 || start > 120 || st.Service != 50 || *st.ID != 7 {
				t.Errorf("break %+v starts at %d, want break 7 of 50 s starting in [100, 120]", st, start)
			}
		}
	}
	if strings.Count(strings.Join(got, ","), "break") != 1 {
		t.Errorf("steps %v, want one break", got)
	}
}

// Plan mode: a route that skips a break reports missing_break; a break
// taken after its window reports its delay.
func TestBreakPlan(t *testing.T) {
	in := decode(t, `{"vehicles":[
		{"id":1,"start_index":0,"end_index":0,"breaks":[{"id":7,"service":50,"time_windows":[[0,10]]}],
			"steps":[{"type":"start"},{"type":"job","id":1},{"type":"break","id":7},{"type":"end"}]},
		{"id":2,"start_index":0,"end_index":0,"breaks":[{"id":8,"service":50}],
			"steps":[{"type":"start"},{"type":"job","id":2},{"type":"end"}]}],
		"jobs":[{"id":1,"location_index":1,"service":10},{"id":2,"location_index":2}],
		"matrices":{"car":{"durations":[[0,40,60],[40,0,30],[60,30,0]]}}}`)
	out := solve(t, in)
	r1, r2 := out.Routes[0], out.Routes[1]
	br := r1.Steps[2]
	if br.Type != "break" || br.Arrival != 50 || len(br.Violations) != 1 || br.Violations[0].Cause != "delay" || *br.Violations[0].Duration != 40 {
		t.Errorf("vehicle 1 break step %+v: want arrival 50 and a delay of 40", br)
	}
	if end := r1.Steps[3]; end.Arrival != 140 {
		t.Errorf("vehicle 1 ends at %d, want 140 (the break's 50 s included)", end.Arrival)
	}
	if len(r2.Violations) != 1 || r2.Violations[0].Cause != "missing_break" {
		t.Errorf("vehicle 2 violations %v, want missing_break", r2.Violations)
	}
}
