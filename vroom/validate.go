package vroom

import (
	"fmt"
	"slices"

	"fulfil/geo"
	"fulfil/solver"
)

// maxTime bounds timestamps and durations (seconds) and maxAmount bounds
// amounts, so that the vrp model's scaled int64 sums cannot overflow.
const (
	maxTime   = int64(1e10)
	maxAmount = int64(1e9)
	maxDims   = 3 // amount dimensions the vrp model holds (units, weight, volume)
)

// defaultProfile is VROOM's profile when a vehicle names none.
const defaultProfile = "car"

// validate reports every problem of in by key, including each key VROOM
// documents that the vrp model cannot express yet.
func validate(in *Input) error {
	var v solver.Violations
	if in == nil {
		v.Add("input", "must not be null")
		return v.Err()
	}
	if in.Options != nil && in.Options.G {
		v.Add("options.g", "route geometry is not supported: no routing engine is attached")
	}
	if len(in.Vehicles) == 0 {
		v.Add("vehicles", "at least one vehicle is required")
	}
	if len(in.Matrix) > 0 && len(in.Matrices) > 0 {
		v.Add("matrix", "give either matrices or the deprecated matrix, not both")
	}
	mats := matricesOf(in)
	for _, name := range sortedKeys(mats) {
		checkMatrices(&v, "matrices."+name, mats[name])
	}

	// Amount dimensions: every array given has the same length.
	dims := -1
	amount := func(field string, a []int64) {
		if a == nil {
			return
		}
		if dims < 0 {
			dims = len(a)
		} else if len(a) != dims {
			v.Add(field, "inconsistent amount length: %d instead of %d", len(a), dims)
		}
		for k, x := range a {
			if x < 0 || x > maxAmount {
				v.Add(fmt.Sprintf("%s[%d]", field, k), "must be in [0, %d], got %d", maxAmount, x)
			}
		}
	}
	window := func(field string, w []int64) {
		if len(w) != 2 {
			v.Add(field, "a time window is [start, end], got %d numbers", len(w))
			return
		}
		if w[0] < 0 || w[1] > maxTime {
			v.Add(field, "must lie in [0, %d], got [%d, %d]", maxTime, w[0], w[1])
		} else if w[1] < w[0] {
			v.Add(field, "end %d is before start %d", w[1], w[0])
		}
	}
	duration := func(field string, x int64) {
		if x < 0 || x > maxTime {
			v.Add(field, "must be in [0, %d], got %d", maxTime, x)
		}
	}
	// place checks a location given as coordinates and/or a matrix index
	// for the profiles that will read it.
	place := func(field, locKey, idxKey string, loc []float64, idx *int, profiles []string) {
		if loc != nil {
			if len(loc) != 2 {
				v.Add(field+"."+locKey, "coordinates are [lon, lat], got %d numbers", len(loc))
			} else if msg := geo.CheckPoint(geo.Point{loc[0], loc[1]}); msg != "" {
				v.Add(field+"."+locKey, "%s", msg)
			}
		}
		for _, p := range profiles {
			m, ok := mats[p]
			switch {
			case ok && idx == nil:
				v.Add(field+"."+idxKey, "required: profile %q has custom matrices", p)
			case ok && (*idx < 0 || *idx >= len(m.Durations)):
				v.Add(field+"."+idxKey, "must be in [0, %d) for the %q matrices, got %d", len(m.Durations), p, *idx)
			case !ok && loc == nil:
				v.Add(field+"."+locKey, "required: profile %q has no custom matrices, so travel is computed from coordinates", p)
			}
		}
	}

	profiles := []string{}
	for _, vh := range in.Vehicles {
		if p := profileOf(vh); !slices.Contains(profiles, p) {
			profiles = append(profiles, p)
		}
	}
	slices.Sort(profiles)

	// unique records id of list[i] in ids, or reports it as a duplicate.
	unique := func(ids map[uint64]int, list string, i int, id uint64) {
		if prev, dup := ids[id]; dup {
			v.Add(fmt.Sprintf("%s[%d].id", list, i), "duplicate id %d (also %s[%d])", id, list, prev)
		} else {
			ids[id] = i
		}
	}
	jobIDs := map[uint64]int{}
	for j, jb := range in.Jobs {
		f := fmt.Sprintf("jobs[%d]", j)
		unique(jobIDs, "jobs", j, jb.ID)
		place(f, "location", "location_index", jb.Location, jb.LocationIndex, profiles)
		duration(f+".setup", jb.Setup)
		duration(f+".service", jb.Service)
		if len(jb.SetupPerType) > 0 {
			v.Add(f+".setup_per_type", "not supported yet: the solver has one setup time per task")
		}
		if len(jb.ServicePerType) > 0 {
			v.Add(f+".service_per_type", "not supported yet: the solver has one service time per task")
		}
		if jb.Amount != nil && jb.Delivery != nil {
			v.Add(f+".amount", "deprecated amount and delivery are both given; give delivery only")
		}
		amount(f+".amount", jb.Amount)
		amount(f+".delivery", jb.Delivery)
		amount(f+".pickup", jb.Pickup)
		if jb.Priority < 0 || jb.Priority > 100 {
			v.Add(f+".priority", "must be in [0, 100], got %d", jb.Priority)
		}
		for w, tw := range jb.TimeWindows {
			window(fmt.Sprintf("%s.time_windows[%d]", f, w), tw)
		}
		if v.Full() {
			return v.Err()
		}
	}

	pickupIDs, deliveryIDs := map[uint64]int{}, map[uint64]int{}
	for s, sh := range in.Shipments {
		f := fmt.Sprintf("shipments[%d]", s)
		for _, e := range []struct {
			key string
			st  *ShipmentStep
			ids map[uint64]int
		}{{"pickup", &sh.Pickup, pickupIDs}, {"delivery", &sh.Delivery, deliveryIDs}} {
			g := f + "." + e.key
			if prev, dup := e.ids[e.st.ID]; dup {
				v.Add(g+".id", "duplicate %s id %d (also shipments[%d].%s)", e.key, e.st.ID, prev, e.key)
			} else {
				e.ids[e.st.ID] = s
			}
			place(g, "location", "location_index", e.st.Location, e.st.LocationIndex, profiles)
			duration(g+".setup", e.st.Setup)
			duration(g+".service", e.st.Service)
			if len(e.st.SetupPerType) > 0 {
				v.Add(g+".setup_per_type", "not supported yet: the solver has one setup time per task")
			}
			if len(e.st.ServicePerType) > 0 {
				v.Add(g+".service_per_type", "not supported yet: the solver has one service time per task")
			}
			for w, tw := range e.st.TimeWindows {
				window(fmt.Sprintf("%s.time_windows[%d]", g, w), tw)
			}
		}
		amount(f+".amount", sh.Amount)
		if sh.Priority < 0 || sh.Priority > 100 {
			v.Add(f+".priority", "must be in [0, 100], got %d", sh.Priority)
		}
		if v.Full() {
			return v.Err()
		}
	}

	vehIDs := map[uint64]int{}
	for i, vh := range in.Vehicles {
		f := fmt.Sprintf("vehicles[%d]", i)
		unique(vehIDs, "vehicles", i, vh.ID)
		prof := []string{profileOf(vh)}
		hasStart := vh.Start != nil || vh.StartIndex != nil
		hasEnd := vh.End != nil || vh.EndIndex != nil
		if !hasStart && !hasEnd {
			v.Add(f, "a vehicle needs a start or an end (start, start_index, end or end_index)")
		}
		if hasStart {
			place(f, "start", "start_index", vh.Start, vh.StartIndex, prof)
		}
		if hasEnd {
			place(f, "end", "end_index", vh.End, vh.EndIndex, prof)
		}
		amount(f+".capacity", vh.Capacity)
		if c := vh.Costs; c != nil {
			duration(f+".costs.fixed", c.Fixed)
			if c.PerHour != nil {
				duration(f+".costs.per_hour", *c.PerHour)
				if *c.PerHour != 3600 && len(mats[prof[0]].Costs) > 0 {
					v.Add(f+".costs.per_hour", "a custom per_hour cost conflicts with the custom costs matrix of profile %q", prof[0])
				}
			}
			duration(f+".costs.per_km", c.PerKm)
			if c.PerKm > 0 && len(mats[prof[0]].Costs) > 0 {
				v.Add(f+".costs.per_km", "a per_km cost conflicts with the custom costs matrix of profile %q", prof[0])
			}
			if c.PerKm > 0 && !hasDistances(mats, prof[0]) {
				v.Add(f+".costs.per_km", "needs distances: profile %q has durations but no distances matrix, and no routing engine is attached", prof[0])
			}
			if c.PerTaskHour != 0 {
				v.Add(f+".costs.per_task_hour", "not supported yet: the solver does not price task time per vehicle")
			}
		}
		if vh.TimeWindow != nil {
			window(f+".time_window", vh.TimeWindow)
		}
		breakIDs := map[uint64]bool{}
		for b, br := range vh.Breaks {
			g := fmt.Sprintf("%s.breaks[%d]", f, b)
			if breakIDs[br.ID] {
				v.Add(g+".id", "duplicate break id %d for vehicle %d", br.ID, vh.ID)
			}
			breakIDs[br.ID] = true
			for w, tw := range br.TimeWindows {
				window(fmt.Sprintf("%s.time_windows[%d]", g, w), tw)
			}
			if len(br.TimeWindows) > 1 {
				v.Add(g+".time_windows", "not supported yet: the solver takes one window per break (%d given)", len(br.TimeWindows))
			}
			duration(g+".service", br.Service)
			if br.MaxLoad != nil {
				v.Add(g+".max_load", "not supported yet: the solver's breaks have no load limit")
			}
		}
		if len(vh.Breaks) > 0 && vh.MaxTravelTime != nil && len(vh.Steps) == 0 {
			v.Add(f+".max_travel_time", "not supported yet together with breaks (the solver bounds route duration, breaks included)")
		}
		if vh.SpeedFactor != 0 && !(vh.SpeedFactor > 0 && vh.SpeedFactor <= 5) {
			v.Add(f+".speed_factor", "must be in (0, 5], got %g", vh.SpeedFactor)
		}
		if vh.MaxTasks != nil && *vh.MaxTasks < 0 {
			v.Add(f+".max_tasks", "must be >= 0, got %d", *vh.MaxTasks)
		}
		if vh.MaxTravelTime != nil {
			duration(f+".max_travel_time", *vh.MaxTravelTime)
		}
		if vh.MaxDistance != nil {
			if *vh.MaxDistance < 0 {
				v.Add(f+".max_distance", "must be >= 0, got %d", *vh.MaxDistance)
			}
			if !hasDistances(mats, prof[0]) {
				v.Add(f+".max_distance", "needs distances: profile %q has durations but no distances matrix", prof[0])
			}
			if len(mats[prof[0]].Costs) > 0 {
				v.Add(f+".max_distance", "not supported yet together with the custom costs matrix of profile %q", prof[0])
			}
		}
		if v.Full() {
			return v.Err()
		}
	}
	if dims > maxDims {
		v.Add("vehicles", "not supported yet: at most %d amount dimensions (the solver's units, weight and volume), got %d", maxDims, dims)
	}
	checkSteps(&v, in, map[string]map[uint64]int{"job": jobIDs, "pickup": pickupIDs, "delivery": deliveryIDs})
	return v.Err()
}

// checkSteps checks the vehicles' fixed routes (plan mode); ids holds the
// known ids of each task step type.
func checkSteps(v *solver.Violations, in *Input, ids map[string]map[uint64]int) {
	seen := map[taskKey]string{}
	for i, vh := range in.Vehicles {
		for s, st := range vh.Steps {
			f := fmt.Sprintf("vehicles[%d].steps[%d]", i, s)
			switch st.Type {
			case "start":
				if s != 0 {
					v.Add(f+".type", "start must be the first step")
				}
				if vh.Start == nil && vh.StartIndex == nil {
					v.Add(f+".type", "vehicle %d has no start", vh.ID)
				}
			case "end":
				if s != len(vh.Steps)-1 {
					v.Add(f+".type", "end must be the last step")
				}
				if vh.End == nil && vh.EndIndex == nil {
					v.Add(f+".type", "vehicle %d has no end", vh.ID)
				}
			case "job", "pickup", "delivery":
				if st.ID == nil {
					v.Add(f+".id", "required for a %s step", st.Type)
					break
				}
				key := taskKey{st.Type, *st.ID}
				if _, ok := ids[st.Type][*st.ID]; !ok {
					v.Add(f+".id", "unknown %s id %d", st.Type, *st.ID)
				} else if prev, dup := seen[key]; dup {
					v.Add(f+".id", "%s %d is already on %s", st.Type, *st.ID, prev)
				} else {
					seen[key] = f
				}
			case "break":
				if st.ID == nil {
					v.Add(f+".id", "required for a break step")
					break
				}
				if !slices.ContainsFunc(vh.Breaks, func(b Break) bool { return b.ID == *st.ID }) {
					v.Add(f+".id", "unknown break id %d for vehicle %d", *st.ID, vh.ID)
				} else if prev, dup := seen[taskKey{fmt.Sprint("break", i), *st.ID}]; dup {
					v.Add(f+".id", "break %d is already on %s", *st.ID, prev)
				} else {
					seen[taskKey{fmt.Sprint("break", i), *st.ID}] = f
				}
			default:
				v.Add(f+".type", "must be start, job, pickup, delivery, break or end, got %q", st.Type)
			}
			for _, b := range []struct {
				key string
				x   *int64
			}{{"service_at", st.ServiceAt}, {"service_after", st.ServiceAfter}, {"service_before", st.ServiceBefore}} {
				if b.x != nil && (*b.x < 0 || *b.x > maxTime) {
					v.Add(f+"."+b.key, "must be in [0, %d], got %d", maxTime, *b.x)
				}
			}
			if st.ServiceAfter != nil && st.ServiceBefore != nil && *st.ServiceBefore < *st.ServiceAfter {
				v.Add(f+".service_before", "%d is before service_after %d", *st.ServiceBefore, *st.ServiceAfter)
			}
		}
	}
}

// checkMatrices checks one profile's matrices: square, of one size,
// entries in range, and distances or costs only with durations.
func checkMatrices(v *solver.Violations, field string, m Matrices) {
	n := len(m.Durations)
	if n == 0 {
		v.Add(field+".durations", "required: a custom distances or costs matrix needs custom durations")
		return
	}
	for _, x := range []struct {
		key  string
		rows [][]int64
	}{{"durations", m.Durations}, {"distances", m.Distances}, {"costs", m.Costs}} {
		if x.rows == nil {
			continue
		}
		if len(x.rows) != n {
			v.Add(field+"."+x.key, "must have %d rows like durations, got %d", n, len(x.rows))
			continue
		}
		for i, row := range x.rows {
			if len(row) != n {
				v.Add(fmt.Sprintf("%s.%s[%d]", field, x.key, i), "must have %d entries, got %d", n, len(row))
				continue
			}
			for j, e := range row {
				if e < 0 || e > maxTime {
					v.Add(fmt.Sprintf("%s.%s[%d][%d]", field, x.key, i, j), "must be in [0, %d], got %d", maxTime, e)
					if v.Full() {
						return
					}
				}
			}
		}
	}
}

// matricesOf returns the custom matrices by profile, with the deprecated
// matrix as the durations of "car".
func matricesOf(in *Input) map[string]Matrices {
	if len(in.Matrix) > 0 {
		return map[string]Matrices{defaultProfile: {Durations: in.Matrix}}
	}
	return in.Matrices
}

// hasDistances reports whether travel distances are known for profile p:
// computed from coordinates, or given as a matrix.
func hasDistances(mats map[string]Matrices, p string) bool {
	m, ok := mats[p]
	return !ok || len(m.Distances) > 0
}

func profileOf(vh Vehicle) string {
	if vh.Profile == "" {
		return defaultProfile
	}
	return vh.Profile
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
