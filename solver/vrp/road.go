package vrp

import (
	"fmt"
	"math"

	"fulfil/geo"
	"fulfil/solver"
)

// road.go holds the road's state of a day in progress: vehicles that start
// where they are (Vehicle.StartLocation, StartIndex) when they are free
// (FreeFromS), goods on board (OnBoard), stops locked to a vehicle
// (Stop.Vehicle), a route's fixed beginning (FixedSequence) and a stop in
// service (Stop.RemainingServiceS). validateRoad checks the wire fields;
// compile lowers them onto what the search already knows:
//
//   - a vehicle's own start is an extra depot node (after Input.Depots);
//   - FreeFromS raises the type's earliest departure;
//   - a lock is a skill of its own that only the locked vehicle has;
//   - a fixed sequence is folded into the vehicle: foldFixed drives it
//     once, and the type then starts at its last stop, when service there
//     ends (with no later departure), with its capacity, stop count and
//     route limits less what the sequence used. Its stops leave the
//     search; output.go puts them back at the head of the route and
//     schedule.go simulates the whole route from the real start.

// validateRoad checks the road-state fields of in, adding violations to v,
// and returns how many vehicle types stops are locked to (each takes a
// skill bit in the model).
func validateRoad(v *solver.Violations, in *Input, explicit bool, matrixN int) int {
	stopAt := make(map[string]int, len(in.Stops))
	for s, st := range in.Stops {
		stopAt[st.ID] = s
	}
	vehAt := make(map[string]int, len(in.Vehicles))
	for t, vh := range in.Vehicles {
		if _, ok := vehAt[vh.ID]; !ok {
			vehAt[vh.ID] = t
		}
	}
	type place struct {
		t     int
		field string
	}
	locked := map[int]bool{}    // vehicle types stops are locked to
	owner := map[int]place{}    // stop → the vehicle and field that put it on board
	firstOf := map[int]string{} // stop → fixed_sequence field where it is first
	for t, vh := range in.Vehicles {
		f := fmt.Sprintf("vehicles[%d]", t)
		own := vh.StartLocation != nil || vh.StartIndex != nil
		one := func(field string) {
			if vh.Count != 1 {
				v.Add(f+"."+field, "describes one vehicle: count must be 1, got %d", vh.Count)
			}
		}
		if own {
			one("start_location")
			if vh.StartDepot != "" {
				v.Add(f+".start_depot", "must be empty when the vehicle starts at its start_location or start_index, got %q", vh.StartDepot)
			}
			if vh.EndDepot == "" && !vh.OpenEnd {
				v.Add(f+".end_depot", "required when the vehicle starts away from a depot (or set open_end)")
			}
			if explicit {
				if vh.StartIndex == nil {
					v.Add(f+".start_index", "required when profiles are given")
				} else if *vh.StartIndex < 0 || *vh.StartIndex >= matrixN {
					v.Add(f+".start_index", "must be in [0, %d), got %d", matrixN, *vh.StartIndex)
				}
			} else if vh.StartIndex != nil {
				v.Add(f+".start_index", "must be empty when no profiles are given, got %d", *vh.StartIndex)
			}
			if vh.StartLocation == nil {
				if !explicit {
					v.Add(f+".start_location", "required without profiles")
				}
			} else if msg := checkLocation(in, *vh.StartLocation, explicit); msg != "" {
				v.Add(f+".start_location", "%s", msg)
			}
		}
		if x := vh.FreeFromS; math.IsNaN(x) || math.IsInf(x, 0) || x < 0 || x > maxMagnitude {
			v.Add(f+".free_from_s", "must be finite and in [0, %g], got %g", maxMagnitude, x)
		}
		put := func(field string, ids []string) {
			if len(ids) > 0 {
				one(field)
			}
			for k, id := range ids {
				kf := fmt.Sprintf("%s.%s[%d]", f, field, k)
				s, ok := stopAt[id]
				if !ok {
					v.Add(kf, "unknown stop %q", id)
					continue
				}
				if prev, dup := owner[s]; dup && prev.t != t {
					v.Add(kf, "stop %q is already on vehicle %q", id, in.Vehicles[prev.t].ID)
					continue
				} else if dup && prev.field == field {
					v.Add(kf, "stop %q appears twice", id)
					continue
				}
				if lv := in.Stops[s].Vehicle; lv != "" && lv != vh.ID {
					v.Add(kf, "stop %q is locked to vehicle %q", id, lv)
					continue
				}
				owner[s], locked[t] = place{t, field}, true
				if field == "fixed_sequence" && k == 0 {
					firstOf[s] = kf
				}
			}
		}
		put("on_board", vh.OnBoard)
		put("fixed_sequence", vh.FixedSequence)
	}
	for s, st := range in.Stops {
		f := fmt.Sprintf("stops[%d]", s)
		if st.Vehicle != "" {
			if t, ok := vehAt[st.Vehicle]; !ok {
				v.Add(f+".vehicle", "unknown vehicle %q", st.Vehicle)
			} else {
				locked[t] = true
			}
		}
		if r := st.RemainingServiceS; r != nil {
			if math.IsNaN(*r) || math.IsInf(*r, 0) || *r < 0 || *r > maxMagnitude {
				v.Add(f+".remaining_service_s", "must be finite and in [0, %g], got %g", maxMagnitude, *r)
			} else if _, ok := firstOf[s]; !ok {
				v.Add(f+".remaining_service_s", "stop %q is in service, so it must be the first of a vehicle's fixed_sequence", st.ID)
			}
		}
	}
	return len(locked)
}

// checkLocation says what is wrong with a location p of in, or "".
func checkLocation(in *Input, p geo.Point, explicit bool) string {
	if explicit || in.Travel.Metric == "euclidean" {
		return geo.CheckPlanar(p)
	}
	return geo.CheckPoint(p)
}

// lockSkill names the model-only skill that stops locked to vehicle type
// id require; the NUL byte keeps it apart from the caller's skills.
func lockSkill(id string) string { return "\x00lock:" + id }

// applyLocks gives each stop locked to a vehicle type (Stop.Vehicle,
// OnBoard, FixedSequence) that type's lock skill. bitOf is compile's skill
// numbering.
func (m *model) applyLocks(in *Input, bitOf func([]string) uint64) {
	stopNode := make(map[string]int32, m.ns)
	for s, st := range in.Stops {
		stopNode[st.ID] = int32(m.nd + s)
	}
	lock := func(i int32, ti int) {
		b := bitOf([]string{lockSkill(in.Vehicles[ti].ID)})
		m.skill[i] |= b
		m.types[ti].skills |= b
		m.anySkill = true
	}
	for ti, vh := range in.Vehicles {
		for _, id := range vh.OnBoard {
			lock(stopNode[id], ti)
		}
		for _, id := range vh.FixedSequence {
			lock(stopNode[id], ti)
		}
	}
	for s, st := range in.Stops {
		if st.Vehicle == "" {
			continue
		}
		for ti, vh := range in.Vehicles {
			if vh.ID == st.Vehicle {
				lock(int32(m.nd+s), ti)
				break
			}
		}
	}
}

// foldFixed drives the fixed sequence of each vehicle type that has one,
// from its start at its earliest departure, and folds it into the type as
// road.go's doc says. Stops in a fixed sequence are marked m.fixed and
// leave the search (m.fits false).
func (m *model) foldFixed(in *Input) {
	stopNode := make(map[string]int32, m.ns)
	for s, st := range in.Stops {
		stopNode[st.ID] = int32(m.nd + s)
	}
	for ti, vh := range in.Vehicles {
		if len(vh.FixedSequence) == 0 {
			continue
		}
		t := &m.types[ti]
		t.origStart, t.origOpen = t.start, t.twOpen
		for _, id := range vh.FixedSequence {
			i := stopNode[id]
			m.fixed[i], m.fits[i] = true, false
			t.prefix = append(t.prefix, i)
			for x := range m.dims {
				t.cap[x] -= m.demand[int(i)*m.dims+x]
			}
		}
		first := &in.Stops[int(t.prefix[0])-m.nd]
		if first.RemainingServiceS != nil {
			m.remaining[t.prefix[0]] = upModel(*first.RemainingServiceS)
		}
		r := drive(modelClock{m}, t, t.start, t.twOpen, t.prefix, first.RemainingServiceS != nil, nil)
		now, at, dist := r.now, r.at, r.dist
		used := now - t.twOpen
		t.start, t.twOpen, t.startClose = at, now, now
		t.fixed = 0 // the vehicle is on its way: its fixed cost is sunk
		if t.maxDur < big {
			t.maxDur -= used
		}
		if t.maxDist < big {
			t.maxDist -= dist
		}
		m.hasTime = true
	}
}
