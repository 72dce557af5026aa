package reroute

import (
	"testing"

	"fulfil/solver/vrp"
)

func route(vehicle string, index int, stops []string, etas []float64) vrp.Route {
	r := vrp.Route{Vehicle: vehicle, Index: index}
	for k, s := range stops {
		r.Visits = append(r.Visits, vrp.Visit{Stop: s, ArrivalS: etas[k]})
	}
	return r
}

func TestCompare(t *testing.T) {
	in := &vrp.Input{Stops: []vrp.Stop{
		{ID: "a", TimeWindows: []vrp.TimeWindow{{StartS: 0, EndS: 39600}}},
		{ID: "b", TimeWindows: []vrp.TimeWindow{{StartS: 0, EndS: 39600}}},
		{ID: "c", TimeWindows: []vrp.TimeWindow{{StartS: 0, EndS: 39600}}},
		{ID: "d"}, {ID: "e"}, {ID: "f"}, {ID: "g"},
	}}
	prev := &vrp.Output{Routes: []vrp.Route{
		route("T", 0, []string{"a", "b", "c"}, []float64{30000, 31000, 32000}),
		route("T", 1, []string{"d", "e", "f"}, []float64{30000, 31000, 32000}),
	}, Unassigned: []vrp.Unassigned{{ID: "g"}}}
	next := &vrp.Output{Routes: []vrp.Route{
		// a: +600 exactly (notice); b: +599.9 (none); c: late by 100.
		route("T", 0, []string{"a", "b", "c"}, []float64{30600, 31599.9, 39700}),
		// e moved from T#1 to T#2 at -600 (notice, moved); g was unassigned.
		route("T", 2, []string{"e", "g"}, []float64{30400, 31000}),
		// f lost its predecessor e: resequenced, +10 s.
		route("T", 1, []string{"f", "h"}, []float64{32010, 33000}),
	}, Unassigned: []vrp.Unassigned{{ID: "d"}}}

	d, err := Compare(in, prev, next, CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantNotices := map[string]string{"a": NoticeMoved, "c": NoticeLate, "d": NoticeUnserved, "e": NoticeMoved}
	if len(d.Notices) != len(wantNotices) {
		t.Errorf("got %d notices %+v, want %d", len(d.Notices), d.Notices, len(wantNotices))
	}
	for _, n := range d.Notices {
		if wantNotices[n.Stop] != n.Reason {
			t.Errorf("notice for %s: got %s, want %q", n.Stop, n.Reason, wantNotices[n.Stop])
		}
	}
	if got, want := d.Disruption, (Disruption{MovedStops: 1, ResequencedStops: 1, UnservedStops: 1, NewStops: 1}); got != want {
		t.Errorf("disruption: got %+v, want %+v", got, want)
	}
	byStop := map[string]StopETA{}
	for _, e := range d.ETAs {
		byStop[e.Stop] = e
	}
	if e := byStop["c"]; e.LateS != 100 || e.ChangeS != 7700 {
		t.Errorf("c: got late %g change %g, want 100 and 7700", e.LateS, e.ChangeS)
	}
	if e := byStop["g"]; !e.PrevUnserved || e.PrevETAS != nil {
		t.Errorf("g: got %+v, want prev_unserved without a previous eta", e)
	}
	if e := byStop["e"]; !e.Moved || e.PrevIndex != 1 || e.Index != 2 || e.ChangeS != -600 {
		t.Errorf("e: got %+v, want moved from index 1 to 2 by -600 s", e)
	}

	// A threshold of 601 s silences a and e; lateness and unserved remain.
	d, _ = Compare(in, prev, next, CompareOptions{ThresholdS: 601})
	if len(d.Notices) != 2 {
		t.Errorf("threshold 601: got %+v, want the late and the unserved notice", d.Notices)
	}
}

func TestCompareRejects(t *testing.T) {
	ok := &vrp.Output{}
	twice := &vrp.Output{Routes: []vrp.Route{route("T", 0, []string{"a", "a"}, []float64{1, 2})}}
	if _, err := Compare(nil, ok, twice, CompareOptions{}); err == nil {
		t.Error("a stop served twice: got no error")
	}
	if _, err := Compare(nil, ok, nil, CompareOptions{}); err == nil {
		t.Error("nil plan: got no error")
	}
	if _, err := Compare(nil, ok, ok, CompareOptions{ThresholdS: -1}); err == nil {
		t.Error("negative threshold: got no error")
	}
}
