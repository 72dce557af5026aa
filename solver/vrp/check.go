package vrp

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/uber/h3-go/v4"

	"fulfil/geo"
	"fulfil/solver"
)

// Report is Check's independent verdict on a plan: the shared
// solver.Report (feasible, and violations named by their path in the
// Output, such as "routes[2].visits[5].stop" or "routes[0].load.weight_kg")
// and the plan's figures recomputed.
type Report struct {
	solver.Report
	Cost         float64 `json:"cost"` // recomputed objective
	DistanceM    float64 `json:"distance_m"`
	DurationS    float64 `json:"duration_s"`
	WaitS        float64 `json:"wait_s"`
	LatenessS    float64 `json:"lateness_s"`
	VehiclesUsed int     `json:"vehicles_used"`
	Overload     Load    `json:"overload"`
}

// Check recomputes the cost, loads, schedules and coverage of out from the
// public input alone, in float64, sharing no code with the search. Each
// route departs at its StartS; service starts at the arrival or when the next
// window opens. It returns an error only when in is invalid or out is nil;
// a wrong plan is a Report with violations.
func Check(in *Input, out *Output) (*Report, error) {
	if err := validate(in); err != nil {
		return nil, err
	}
	if out == nil {
		return nil, errors.New("vrp: check: output is nil")
	}
	rep := &Report{Report: solver.NewReport()}
	add := rep.Add

	depots := map[string]int{}
	for d, dp := range in.Depots {
		depots[dp.ID] = d
	}
	stops := map[string]int{}
	for s, st := range in.Stops {
		stops[st.ID] = s
	}
	vehicles := map[string]int{}
	for t, vh := range in.Vehicles {
		vehicles[vh.ID] = t
	}
	profiles := map[string]int{}
	for p, pr := range in.Profiles {
		if _, ok := profiles[pr.ID]; !ok {
			profiles[pr.ID] = p
		}
	}
	var limW, limV, limU bool
	for _, vh := range in.Vehicles {
		limW = limW || vh.Capacity.WeightKg > 0
		limV = limV || vh.Capacity.VolumeM3 > 0
		limU = limU || vh.Capacity.Units > 0
	}

	// A place is a depot (d >= 0) or a stop (s >= 0).
	type place struct {
		loc geo.Point
		idx *int
	}
	depotPlace := func(d int) place { return place{in.Depots[d].Location, in.Depots[d].MatrixIndex} }
	stopPlace := func(s int) place { return place{in.Stops[s].Location, in.Stops[s].MatrixIndex} }
	travel := func(prof int, a, b place) (dist, dur float64) {
		if len(in.Profiles) > 0 {
			pr := in.Profiles[prof]
			dist = pr.DistanceM[*a.idx][*b.idx]
			if len(pr.DurationS) > 0 {
				return dist, pr.DurationS[*a.idx][*b.idx]
			}
			return dist, dist
		}
		if in.Travel.Metric == "euclidean" {
			dx, dy := a.loc[0]-b.loc[0], a.loc[1]-b.loc[1]
			dist = math.Sqrt(dx*dx + dy*dy)
			switch in.Travel.Rounding {
			case "nint":
				dist = math.Floor(dist + 0.5)
			case "trunc1":
				dist = math.Floor(10*dist) / 10
			}
			if in.Travel.SpeedKmh > 0 {
				return dist, dist * 3.6 / in.Travel.SpeedKmh
			}
			return dist, dist
		}
		rf := in.Travel.RoadFactor
		if rf == 0 {
			rf = 1
		}
		dist = geo.HaversineM(a.loc, b.loc) * rf
		return dist, dist * 3.6 / in.Travel.SpeedKmh
	}

	// Traffic, simulated here on its own: a leg's factor at each moment is
	// the largest among the periods in force of the whole map and of the
	// zones holding either end (1 when none is); the vehicle covers its
	// free-flow time piece by piece at each factor.
	var global []geo.FactorPeriod
	type zone struct {
		cells   map[h3.Cell]bool
		periods []geo.FactorPeriod
	}
	var zones []zone
	for _, tz := range in.Traffic {
		if len(tz.Cells) == 0 {
			global = append(global, tz.Periods...)
			continue
		}
		z := zone{cells: map[h3.Cell]bool{}, periods: tz.Periods}
		for _, id := range tz.Cells {
			z.cells[h3.CellFromString(id)] = true
		}
		zones = append(zones, z)
	}
	inZones := map[geo.Point][]geo.FactorPeriod{}
	periodsAt := func(p geo.Point) []geo.FactorPeriod {
		if per, ok := inZones[p]; ok {
			return per
		}
		var per []geo.FactorPeriod
		for _, z := range zones {
			for c := range z.cells {
				if at, err := h3.LatLngToCell(h3.NewLatLng(p[1], p[0]), c.Resolution()); err == nil && at == c {
					per = append(per, z.periods...)
					break
				}
			}
		}
		inZones[p] = per
		return per
	}
	slowed := func(a, b place, depart, free float64) float64 {
		if len(in.Traffic) == 0 {
			return free
		}
		per := append(append(slices.Clip(global), periodsAt(a.loc)...), periodsAt(b.loc)...)
		t, left := depart, free
		for left > 0 {
			f, next := 0.0, math.Inf(1)
			for _, p := range per {
				if p.StartS <= t && t < p.EndS {
					f = math.Max(f, p.Factor)
				}
				if p.StartS > t {
					next = math.Min(next, p.StartS)
				}
				if p.EndS > t {
					next = math.Min(next, p.EndS)
				}
			}
			if f == 0 {
				f = 1
			}
			if t+left*f <= next {
				return t + left*f - depart
			}
			left -= (next - t) / f
			t = next
		}
		return t - depart
	}

	served := make([]int, len(in.Stops)) // times served
	usedSlot := map[string]bool{}
	// The road's state: the vehicle each stop must ride on, and whether
	// each vehicle with a fixed sequence drove a route.
	mustRide := map[string]string{}
	for _, st := range in.Stops {
		if st.Vehicle != "" {
			mustRide[st.ID] = st.Vehicle
		}
	}
	for _, vh := range in.Vehicles {
		for _, id := range append(slices.Clip(vh.OnBoard), vh.FixedSequence...) {
			mustRide[id] = vh.ID
		}
	}
	drove := map[string]bool{}
	// Shipments: each delivery's pickup, and the route and visit of each
	// pickup served so far.
	pickupOf := map[string]string{}
	for _, st := range in.Stops {
		if st.DeliverTo != "" {
			pickupOf[st.DeliverTo] = st.ID
		}
	}
	pickedOn := map[string]int{}
	tol := 1e-3
	for r, rt := range out.Routes {
		rf := fmt.Sprintf("routes[%d]", r)
		t, ok := vehicles[rt.Vehicle]
		if !ok {
			add(rf+".vehicle", "unknown vehicle %q", rt.Vehicle)
			continue
		}
		vh := in.Vehicles[t]
		if rt.Index < 0 || (vh.Count > 0 && rt.Index >= vh.Count) {
			add(rf+".index", "vehicle %q has no index %d (count %d)", vh.ID, rt.Index, vh.Count)
		}
		key := fmt.Sprintf("%s#%d", rt.Vehicle, rt.Index)
		if usedSlot[key] {
			add(rf+".index", "vehicle %q index %d drives two routes", vh.ID, rt.Index)
		}
		usedSlot[key] = true
		if len(rt.Visits) == 0 {
			continue
		}
		rep.VehiclesUsed++
		drove[vh.ID] = true
		if rt.StartDepot != vh.StartDepot {
			add(rf+".start_depot", "vehicle %q starts at %q, got %q", vh.ID, vh.StartDepot, rt.StartDepot)
		}
		for k, id := range vh.FixedSequence {
			if k >= len(rt.Visits) || rt.Visits[k].Stop != id {
				add(fmt.Sprintf("%s.visits[%d].stop", rf, k), "vehicle %q must drive its fixed_sequence first: stop %q here", vh.ID, id)
				break
			}
		}
		prof := 0
		if vh.Profile != "" {
			prof = profiles[vh.Profile]
		}
		var start place
		earliest, latest := vh.FreeFromS, math.Inf(1)
		if vh.StartLocation != nil || vh.StartIndex != nil {
			start = place{idx: vh.StartIndex}
			if vh.StartLocation != nil {
				start.loc = *vh.StartLocation
			}
		} else {
			start = depotPlace(depots[vh.StartDepot])
			if w := in.Depots[depots[vh.StartDepot]].Window; w != nil {
				earliest, latest = math.Max(earliest, w.StartS), w.EndS
			}
		}
		if vh.Shift != nil {
			earliest = math.Max(earliest, vh.Shift.StartS)
			latest = math.Min(latest, vh.Shift.EndS)
		}
		endDepot := vh.EndDepot
		if endDepot == "" {
			endDepot = vh.StartDepot
		}
		if !vh.OpenEnd {
			if w := in.Depots[depots[endDepot]].Window; w != nil {
				latest = math.Min(latest, w.EndS)
			}
		}
		now := rt.StartS
		if now < earliest-tol {
			add(rf+".start_s", "leaves at %g, before the shift or depot opens at %g", now, earliest)
		}
		var dist, wait, late float64
		// The load leaves the depot with every plain stop's demand; a
		// pickup adds its demand, a delivery or plain stop removes its
		// own. Capacity must hold at every point: peak is the largest.
		// With several trips each reload loads the next trip's plain
		// demand (shipments on board stay).
		plain := []Load{{}} // per trip
		nstops := 0
		for _, vis := range rt.Visits {
			if vis.Reload {
				plain = append(plain, Load{})
				continue
			}
			if vis.Break {
				continue
			}
			nstops++
			if s, ok := stops[vis.Stop]; ok && in.Stops[s].DeliverTo == "" && pickupOf[vis.Stop] == "" {
				d := in.Stops[s].Demand
				l := &plain[len(plain)-1]
				l.WeightKg += d.WeightKg
				l.VolumeM3 += d.VolumeM3
				l.Units += d.Units
			}
		}
		if trips := len(plain); trips > 1 && trips > vh.MaxTrips {
			add(rf+".visits", "route drives %d trips, over vehicle %q max_trips %d", trips, vh.ID, vh.MaxTrips)
		}
		load := plain[0]
		peak := load
		trip := 0
		need := map[string]bool{}
		at := start
		taken := 0 // breaks, in order
		for k, vis := range rt.Visits {
			vf := fmt.Sprintf("%s.visits[%d]", rf, k)
			if vis.Break {
				// A break where the vehicle is: it starts when the vehicle
				// is free and the window open, and must start by its end.
				if taken >= len(vh.Breaks) || vh.Breaks[taken].ID != vis.Stop {
					add(vf+".stop", "vehicle %q takes its breaks once each in order: break %q here", vh.ID, vis.Stop)
					continue
				}
				br := vh.Breaks[taken]
				taken++
				begin := math.Max(now, br.Window.StartS)
				if begin > br.Window.EndS+tol {
					add(vf+".start_s", "break %q starts at %g, after its window ends at %g", br.ID, begin, br.Window.EndS)
					late += begin - br.Window.EndS
				}
				wait += begin - now
				now = begin + br.DurationS
				continue
			}
			if vis.Reload {
				d, ok := depots[vis.Stop]
				if !ok || vis.Stop != vh.StartDepot {
					add(vf+".stop", "vehicle %q reloads at its start depot %q, got %q", vh.ID, vh.StartDepot, vis.Stop)
					continue
				}
				next := depotPlace(d)
				dd, dt := travel(prof, at, next)
				dist += dd
				now += slowed(at, next, now, dt)
				if w := in.Depots[d].Window; w != nil {
					if now > w.EndS+tol {
						add(vf+".start_s", "reload at %g, after depot %q closes at %g", now, vis.Stop, w.EndS)
						late += now - w.EndS
					}
					wait += math.Max(w.StartS-now, 0)
					now = math.Max(now, w.StartS)
				}
				now += in.Depots[d].ReloadS
				trip++
				load.WeightKg += plain[trip].WeightKg
				load.VolumeM3 += plain[trip].VolumeM3
				load.Units += plain[trip].Units
				peak.WeightKg = math.Max(peak.WeightKg, load.WeightKg)
				peak.VolumeM3 = math.Max(peak.VolumeM3, load.VolumeM3)
				peak.Units = max(peak.Units, load.Units)
				at = next
				continue
			}
			s, ok := stops[vis.Stop]
			if !ok {
				add(vf+".stop", "unknown stop %q", vis.Stop)
				continue
			}
			served[s]++
			if served[s] == 2 {
				add(vf+".stop", "stop %q is served more than once", vis.Stop)
			}
			st := in.Stops[s]
			if want, ok := mustRide[st.ID]; ok && want != vh.ID {
				add(vf+".stop", "stop %q must ride on vehicle %q, got %q", st.ID, want, vh.ID)
			}
			next := stopPlace(s)
			dd, dt := travel(prof, at, next)
			dist += dd
			now += slowed(at, next, now, dt)
			begin := now
			service := st.ServiceS
			if inService := k == 0 && st.RemainingServiceS != nil && len(vh.FixedSequence) > 0 && vh.FixedSequence[0] == st.ID; inService {
				service = *st.RemainingServiceS // begun before the route: windows were met
			} else if len(st.TimeWindows) > 0 {
				begin = math.Inf(1)
				for _, w := range st.TimeWindows {
					if now <= w.EndS {
						begin = math.Max(now, w.StartS)
						break
					}
				}
				if math.IsInf(begin, 1) {
					last := st.TimeWindows[len(st.TimeWindows)-1].EndS
					late += now - last
					if now-last > tol {
						add(vf+".start_s", "stop %q served at %g, after its last window closes at %g", st.ID, now, last)
					}
					begin = now
				}
			}
			wait += begin - now
			now = begin + service
			sign := -1.0
			if st.DeliverTo != "" {
				sign = 1
				pickedOn[st.ID] = r
			}
			if p, ok := pickupOf[st.ID]; ok {
				if on, ok := pickedOn[p]; !ok || on != r {
					add(vf+".stop", "delivery %q needs its pickup %q earlier on the same route", st.ID, p)
				}
			}
			load.WeightKg += sign * st.Demand.WeightKg
			load.VolumeM3 += sign * st.Demand.VolumeM3
			load.Units += int64(sign) * st.Demand.Units
			peak.WeightKg = math.Max(peak.WeightKg, load.WeightKg)
			peak.VolumeM3 = math.Max(peak.VolumeM3, load.VolumeM3)
			peak.Units = max(peak.Units, load.Units)
			for _, sk := range st.Skills {
				need[sk] = true
			}
			at = next
		}
		if taken < len(vh.Breaks) {
			add(rf+".visits", "vehicle %q drives a route without its break %q", vh.ID, vh.Breaks[taken].ID)
		}
		if !vh.OpenEnd {
			dd, dt := travel(prof, at, depotPlace(depots[endDepot]))
			dist += dd
			now += slowed(at, depotPlace(depots[endDepot]), now, dt)
		}
		if now > latest+tol {
			add(rf+".end_s", "vehicle %q is back at %g, after its shift or depot closes at %g", vh.ID, now, latest)
			late += now - latest
		}
		duration := now - rt.StartS
		if vh.MaxDurationS > 0 && duration > vh.MaxDurationS+tol {
			add(rf+".duration_s", "route lasts %g, over max_duration_s %g", duration, vh.MaxDurationS)
		}
		if vh.MaxDistanceM > 0 && dist > vh.MaxDistanceM+tol {
			add(rf+".distance_m", "route drives %g, over max_distance_m %g", dist, vh.MaxDistanceM)
		}
		if vh.MaxStops > 0 && nstops > vh.MaxStops {
			add(rf+".visits", "route has %d stops, over max_stops %d", nstops, vh.MaxStops)
		}
		over := func(name string, got, capacity float64, limited bool) float64 {
			if limited && got > capacity+1e-9*math.Max(1, capacity) {
				add(rf+".load."+name, "load %g exceeds vehicle %q capacity %g", got, vh.ID, capacity)
				return got - capacity
			}
			return 0
		}
		rep.Overload.WeightKg += over("weight_kg", peak.WeightKg, vh.Capacity.WeightKg, limW)
		rep.Overload.VolumeM3 += over("volume_m3", peak.VolumeM3, vh.Capacity.VolumeM3, limV)
		rep.Overload.Units += int64(over("units", float64(peak.Units), float64(vh.Capacity.Units), limU))
		has := map[string]bool{}
		for _, sk := range vh.Skills {
			has[sk] = true
		}
		for sk := range need {
			if !has[sk] {
				add(rf+".vehicle", "vehicle %q lacks skill %q a stop requires", vh.ID, sk)
			}
		}
		cpd, cpt := vh.CostPerM, vh.CostPerS
		if cpd == 0 && cpt == 0 {
			cpd = 1
		}
		rep.Cost += vh.FixedCost + cpd*dist + cpt*duration
		rep.DistanceM += dist
		rep.DurationS += duration
		rep.WaitS += wait
		rep.LatenessS += late
	}

	for t, vh := range in.Vehicles {
		if len(vh.FixedSequence) > 0 && !drove[vh.ID] {
			add(fmt.Sprintf("vehicles[%d].fixed_sequence", t), "vehicle %q drove no route, so not its fixed sequence", vh.ID)
		}
	}
	for s, st := range in.Stops {
		if d, ok := stops[st.DeliverTo]; ok && st.DeliverTo != "" && (served[s] > 0) != (served[d] > 0) {
			add(fmt.Sprintf("stops[%d].deliver_to", s), "shipment from %q to %q is served at one end only", st.ID, st.DeliverTo)
		}
	}
	listed := map[string]bool{}
	for u, un := range out.Unassigned {
		s, ok := stops[un.ID]
		if !ok {
			add(fmt.Sprintf("unassigned[%d].id", u), "unknown stop %q", un.ID)
			continue
		}
		if served[s] > 0 {
			add(fmt.Sprintf("unassigned[%d].id", u), "stop %q is listed unassigned but served", un.ID)
		}
		listed[un.ID] = true
	}
	for s, st := range in.Stops {
		if served[s] > 0 {
			continue
		}
		if st.Penalty > 0 {
			rep.Cost += st.Penalty
		} else {
			add(fmt.Sprintf("stops[%d]", s), "mandatory stop %q is not served", st.ID)
		}
		if !listed[st.ID] {
			add(fmt.Sprintf("stops[%d]", s), "stop %q is neither served nor listed unassigned", st.ID)
		}
	}
	if d := math.Abs(out.Cost - rep.Cost); d > 1e-6*math.Max(1, math.Abs(rep.Cost))+1e-3 {
		add("cost", "reported %g, recomputed %g", out.Cost, rep.Cost)
	}
	return rep, nil
}
