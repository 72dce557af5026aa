package vrp

import (
	"fmt"

	"fulfil/solver"
)

// breaks.go holds drivers' breaks (Vehicle.Breaks): each break of a
// vehicle that drives a route is taken once, in order, starting within its
// window, where the vehicle is: at its start before leaving or after a
// visit. drive (schedule.go) places them as it
// simulates a route: it takes the next break before a leg when putting it
// off would miss the break's window (the vehicle would be busy at the next
// stop past its end) or when the break fits in the wait for the next
// stop's window; breaks still due are taken before the leg home. Inputs
// with breaks are searched by ruinrecreate.go, which verifies each
// insertion on the driven schedule; Check verifies the breaks where the
// Output puts them.

// validateBreaks checks Vehicle.Breaks.
func validateBreaks(v *solver.Violations, in *Input) {
	for t, vh := range in.Vehicles {
		ids := map[string]bool{}
		for b, br := range vh.Breaks {
			f := fmt.Sprintf("vehicles[%d].breaks[%d]", t, b)
			if br.ID == "" {
				v.Add(f+".id", "must not be empty")
			} else if ids[br.ID] {
				v.Add(f+".id", "duplicate break id %q", br.ID)
			}
			ids[br.ID] = true
			w := br.Window
			if !(w.EndS >= w.StartS) || w.StartS < 0 || w.EndS > 1e12 {
				v.Add(f+".window", "must have 0 <= start_s <= end_s, finite, got [%g, %g]", w.StartS, w.EndS)
			}
			if !(br.DurationS >= 0) || br.DurationS > 1e12 {
				v.Add(f+".duration_s", "must be a finite number >= 0, got %g", br.DurationS)
			}
			if b > 0 && w.StartS < vh.Breaks[b-1].Window.StartS {
				v.Add(f+".window.start_s", "breaks must be sorted by window start: %g is before the previous %g", w.StartS, vh.Breaks[b-1].Window.StartS)
			}
		}
		if len(vh.Breaks) > 0 && (len(vh.FixedSequence) > 0 || vh.MaxDurationS > 0) {
			field := "fixed_sequence"
			if vh.MaxDurationS > 0 {
				field = "max_duration_s"
			}
			v.Add(fmt.Sprintf("vehicles[%d].%s", t, field), "not supported with breaks")
		}
	}
}

// anyBreaks reports whether some vehicle has breaks.
func anyBreaks(in *Input) bool {
	for _, vh := range in.Vehicles {
		if len(vh.Breaks) > 0 {
			return true
		}
	}
	return false
}

// compileBreaks gives each type its breaks in model units: start window
// (opening rounded up, closing down) and duration (up).
func (m *model) compileBreaks(in *Input) {
	for ti, vh := range in.Vehicles {
		m.types[ti].vix = ti
		for _, br := range vh.Breaks {
			m.types[ti].rest = append(m.types[ti].rest, upModel(br.Window.StartS), downModel(br.Window.EndS), upModel(br.DurationS))
			m.breaks, m.hasTime = true, true
		}
	}
}

// takeRests takes the breaks due before r's vehicle drives to node i (its
// k-th visit), by drive's rule.
func takeRests[T int64 | float64, C clock[T]](c C, t *vtype, r *run[T], i int32, k int, inService bool) {
	for {
		open, close, dur, ok := c.rest(t, len(r.rests))
		if !ok {
			return
		}
		_, dt := c.leg(t, r.at, i, r.now)
		st, serv, _ := c.visit(i, r.now+dt, inService)
		start := max(r.now, open)
		late := st+serv > close                      // after the next stop it is too late
		free := start <= close && start+dur+dt <= st // it fits in the wait there
		if !late && !free {
			return
		}
		takeRest(r, open, close, dur, k)
	}
}

// takeRest takes the next break now or when its window opens, after the
// k-th visit; starting after its window closes is lateness.
func takeRest[T int64 | float64](r *run[T], open, close, dur T, k int) {
	start := max(r.now, open)
	if start > close {
		r.late += start - close
	}
	r.wait += start - r.now
	r.rests = append(r.rests, rest[T]{start: start, after: k})
	r.now = start + dur
}
