package vrp

import (
	"fmt"
	"math"

	"fulfil/geo"
	"fulfil/solver"
)

// maxMagnitude bounds every time, distance and load number so that the
// scaled int64 model cannot overflow when routes sum them.
const maxMagnitude = 1e12

// maxSkills is how many distinct skills the model can hold (one bit each).
const maxSkills = 64

// validate reports every violation in in, naming each by its wire path. It
// checks the input alone; whether each stop fits some vehicle is checked by
// compile, which has the travel matrices.
func validate(in *Input) error {
	var v solver.Violations
	if in == nil {
		v.Add("input", "must not be null")
		return v.Err()
	}
	num := func(field string, x float64) bool {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			v.Add(field, "must be finite, got %g", x)
			return false
		}
		if x < 0 {
			v.Add(field, "must be >= 0, got %g", x)
			return false
		}
		if x > maxMagnitude {
			v.Add(field, "must be <= %g, got %g", maxMagnitude, x)
			return false
		}
		return true
	}
	load := func(field string, l Load) {
		num(field+".weight_kg", l.WeightKg)
		num(field+".volume_m3", l.VolumeM3)
		if l.Units < 0 || l.Units > maxMagnitude {
			v.Add(field+".units", "must be in [0, %g], got %d", maxMagnitude, l.Units)
		}
	}
	window := func(field string, w TimeWindow) bool {
		ok := num(field+".start_s", w.StartS)
		ok = num(field+".end_s", w.EndS) && ok
		if ok && w.EndS < w.StartS {
			v.Add(field, "empty time window: end_s %g is before start_s %g", w.EndS, w.StartS)
			return false
		}
		return ok
	}

	explicit := len(in.Profiles) > 0
	matrixN := 0
	profileIDs := map[string]bool{}
	for p, pr := range in.Profiles {
		f := fmt.Sprintf("profiles[%d]", p)
		if profileIDs[pr.ID] {
			v.Add(f+".id", "duplicate profile id %q", pr.ID)
		}
		profileIDs[pr.ID] = true
		if p == 0 {
			matrixN = len(pr.DistanceM)
		}
		checkMatrix(&v, f+".distance_m", pr.DistanceM, matrixN, false)
		checkMatrix(&v, f+".duration_s", pr.DurationS, matrixN, true)
	}
	if !explicit {
		switch in.Travel.Metric {
		case "", "haversine":
			if !(in.Travel.SpeedKmh > 0) || math.IsInf(in.Travel.SpeedKmh, 0) {
				v.Add("travel.speed_kmh", "must be > 0 for haversine travel, got %g", in.Travel.SpeedKmh)
			}
		case "euclidean":
			num("travel.speed_kmh", in.Travel.SpeedKmh)
		default:
			v.Add("travel.metric", "must be \"haversine\" or \"euclidean\", got %q", in.Travel.Metric)
		}
		switch in.Travel.Rounding {
		case "", "exact", "nint", "trunc1":
		default:
			v.Add("travel.rounding", "must be \"exact\", \"nint\" or \"trunc1\", got %q", in.Travel.Rounding)
		}
		if in.Travel.RoadFactor != 0 && !(in.Travel.RoadFactor >= 1 && in.Travel.RoadFactor < 100) {
			v.Add("travel.road_factor", "must be 0 or in [1, 100), got %g", in.Travel.RoadFactor)
		}
	}
	place := func(field string, p geo.Point, idx *int) {
		if explicit {
			if idx == nil {
				v.Add(field+".matrix_index", "required when profiles are given")
			} else if *idx < 0 || *idx >= matrixN {
				v.Add(field+".matrix_index", "must be in [0, %d), got %d", matrixN, *idx)
			}
			if msg := geo.CheckPlanar(p); msg != "" {
				v.Add(field+".location", "%s", msg)
			}
			return
		}
		var msg string
		if in.Travel.Metric == "euclidean" {
			msg = geo.CheckPlanar(p)
		} else {
			msg = geo.CheckPoint(p)
		}
		if msg != "" {
			v.Add(field+".location", "%s", msg)
		}
	}

	if len(in.Depots) == 0 {
		v.Add("depots", "at least one depot is required")
	}
	ids := map[string]string{} // id → field of its first use
	for d, dp := range in.Depots {
		f := fmt.Sprintf("depots[%d]", d)
		if dp.ID == "" {
			v.Add(f+".id", "must not be empty")
		} else if prev, ok := ids[dp.ID]; ok {
			v.Add(f+".id", "duplicate id %q (also %s)", dp.ID, prev)
		} else {
			ids[dp.ID] = f
		}
		place(f, dp.Location, dp.MatrixIndex)
		if dp.Window != nil {
			window(f+".window", *dp.Window)
		}
	}
	depotIDs := map[string]bool{}
	for _, dp := range in.Depots {
		depotIDs[dp.ID] = true
	}

	skills := map[string]bool{}
	if len(in.Vehicles) == 0 {
		v.Add("vehicles", "at least one vehicle is required")
	}
	vehIDs := map[string]bool{}
	for t, vh := range in.Vehicles {
		f := fmt.Sprintf("vehicles[%d]", t)
		if vh.ID == "" {
			v.Add(f+".id", "must not be empty")
		} else if vehIDs[vh.ID] {
			v.Add(f+".id", "duplicate vehicle id %q", vh.ID)
		}
		vehIDs[vh.ID] = true
		if vh.Count < 0 || vh.Count > 1e6 {
			v.Add(f+".count", "must be in [0, 1000000], got %d", vh.Count)
		}
		if vh.StartLocation == nil && vh.StartIndex == nil && !depotIDs[vh.StartDepot] {
			v.Add(f+".start_depot", "unknown depot %q", vh.StartDepot)
		}
		if vh.EndDepot != "" && !depotIDs[vh.EndDepot] {
			v.Add(f+".end_depot", "unknown depot %q", vh.EndDepot)
		}
		if explicit {
			if vh.Profile != "" && !profileIDs[vh.Profile] {
				v.Add(f+".profile", "unknown profile %q", vh.Profile)
			}
		} else if vh.Profile != "" {
			v.Add(f+".profile", "must be empty when no profiles are given, got %q", vh.Profile)
		}
		load(f+".capacity", vh.Capacity)
		num(f+".fixed_cost", vh.FixedCost)
		num(f+".cost_per_m", vh.CostPerM)
		num(f+".cost_per_s", vh.CostPerS)
		if vh.Shift != nil {
			window(f+".shift", *vh.Shift)
		}
		num(f+".max_duration_s", vh.MaxDurationS)
		num(f+".max_distance_m", vh.MaxDistanceM)
		if vh.MaxStops < 0 {
			v.Add(f+".max_stops", "must be >= 0, got %d", vh.MaxStops)
		}
		for k, s := range vh.Skills {
			if s == "" {
				v.Add(fmt.Sprintf("%s.skills[%d]", f, k), "must not be empty")
			}
			skills[s] = true
		}
	}

	for i, st := range in.Stops {
		f := fmt.Sprintf("stops[%d]", i)
		if st.ID == "" {
			v.Add(f+".id", "must not be empty")
		} else if prev, ok := ids[st.ID]; ok {
			v.Add(f+".id", "duplicate id %q (also %s)", st.ID, prev)
		} else {
			ids[st.ID] = f
		}
		place(f, st.Location, st.MatrixIndex)
		load(f+".demand", st.Demand)
		num(f+".service_s", st.ServiceS)
		num(f+".penalty", st.Penalty)
		for w, tw := range st.TimeWindows {
			wf := fmt.Sprintf("%s.time_windows[%d]", f, w)
			if window(wf, tw) && w > 0 && tw.StartS <= st.TimeWindows[w-1].EndS {
				v.Add(wf+".start_s", "windows must be sorted and disjoint: %g is not after the previous end %g", tw.StartS, st.TimeWindows[w-1].EndS)
			}
		}
		for k, s := range st.Skills {
			if s == "" {
				v.Add(fmt.Sprintf("%s.skills[%d]", f, k), "must not be empty")
			}
			skills[s] = true
		}
		if v.Full() {
			break
		}
	}
	validateShipments(&v, in)
	validateTraffic(&v, in)
	validateTrips(&v, in)
	validateBreaks(&v, in)
	locks := validateRoad(&v, in, explicit, matrixN)
	if len(skills)+locks > maxSkills {
		v.Add("vehicles", "at most %d distinct skills and locked vehicles are supported, got %d", maxSkills, len(skills)+locks)
	}
	return v.Err()
}

// checkMatrix checks that rows is an n×n matrix of finite non-negative
// numbers. An empty matrix is allowed when optional.
func checkMatrix(v *solver.Violations, field string, rows [][]float64, n int, optional bool) {
	if len(rows) == 0 {
		if !optional {
			v.Add(field, "must not be empty")
		}
		return
	}
	if len(rows) != n {
		v.Add(field, "must have %d rows like profiles[0].distance_m, got %d", n, len(rows))
		return
	}
	for i, row := range rows {
		if len(row) != n {
			v.Add(fmt.Sprintf("%s[%d]", field, i), "ragged matrix: row has %d entries, want %d", len(row), n)
			continue
		}
		for j, x := range row {
			if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 || x > maxMagnitude {
				v.Add(fmt.Sprintf("%s[%d][%d]", field, i, j), "must be finite and in [0, %g], got %g", maxMagnitude, x)
				if v.Full() {
					return
				}
			}
		}
	}
}
