package vrp_test

import (
	"strings"
	"testing"

	"fulfil/solver/vrp"
)

// handInput is four places with hand-checkable distances (symmetric):
// D–a 10, D–b 10, D–c 20, a–b 5, a–c 12, b–c 8; D2 is a second depot next
// to c (D2–c 1). Travel time equals distance.
func handInput() *vrp.Input {
	rows := [][]float64{
		//  D   a   b   c  D2
		{0, 10, 10, 20, 21},
		{10, 0, 5, 12, 13},
		{10, 5, 0, 8, 9},
		{20, 12, 8, 0, 1},
		{21, 13, 9, 1, 0},
	}
	in := &vrp.Input{
		Depots: []vrp.Depot{{ID: "D", MatrixIndex: new(0)}, {ID: "D2", MatrixIndex: new(4)}},
		Vehicles: []vrp.Vehicle{
			{ID: "truck", StartDepot: "D", Count: 2, Capacity: vrp.Load{WeightKg: 100, VolumeM3: 1}},
			{ID: "reefer", StartDepot: "D2", Count: 1, Capacity: vrp.Load{WeightKg: 100, VolumeM3: 1}, Skills: []string{"refrigerated"}},
		},
		Stops: []vrp.Stop{
			{ID: "a", MatrixIndex: new(1), Demand: vrp.Load{WeightKg: 30, VolumeM3: 0.3}},
			{ID: "b", MatrixIndex: new(2), Demand: vrp.Load{WeightKg: 30, VolumeM3: 0.3}},
			{ID: "c", MatrixIndex: new(3), Demand: vrp.Load{WeightKg: 30, VolumeM3: 0.3}},
		},
		Profiles: []vrp.Profile{{ID: "road", DistanceM: rows}},
	}
	return in
}

func handRoute(vehicle, depot string, stops ...string) vrp.Route {
	r := vrp.Route{Vehicle: vehicle, StartDepot: depot}
	for _, s := range stops {
		r.Visits = append(r.Visits, vrp.Visit{Stop: s})
	}
	return r
}

func TestCheckVerdicts(t *testing.T) {
	for _, c := range []struct {
		name   string
		edit   func(in *vrp.Input)
		routes []vrp.Route
		cost   float64
		field  string // "" for feasible
	}{
		{"feasible one route", nil, []vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 43, ""},
		{"feasible two depots", nil, []vrp.Route{handRoute("truck", "D", "a", "b"), handRoute("reefer", "D2", "c")}, 25 + 2, ""},
		{"weight overload", func(in *vrp.Input) { in.Stops[0].Demand.WeightKg = 50 },
			[]vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 43, "routes[0].load.weight_kg"},
		{"volume overload", func(in *vrp.Input) { in.Stops[1].Demand.VolumeM3 = 0.5 },
			[]vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 43, "routes[0].load.volume_m3"},
		{"late at a window", func(in *vrp.Input) { in.Stops[2].TimeWindows = []vrp.TimeWindow{{StartS: 0, EndS: 15}} },
			[]vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 43, "routes[0].visits[2].start_s"},
		{"second window open", func(in *vrp.Input) {
			in.Stops[2].TimeWindows = []vrp.TimeWindow{{StartS: 0, EndS: 15}, {StartS: 30, EndS: 40}}
		}, []vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 43, ""},
		{"missing skill", func(in *vrp.Input) { in.Stops[2].Skills = []string{"refrigerated"} },
			[]vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 43, "routes[0].vehicle"},
		{"skill served by reefer", func(in *vrp.Input) { in.Stops[2].Skills = []string{"refrigerated"} },
			[]vrp.Route{handRoute("truck", "D", "a", "b"), handRoute("reefer", "D2", "c")}, 27, ""},
		{"wrong start depot", nil, []vrp.Route{handRoute("truck", "D2", "a", "b", "c")}, 43, "routes[0].start_depot"},
		{"served twice", nil, []vrp.Route{handRoute("truck", "D", "a", "b", "c"), handRoute("reefer", "D2", "c")}, 45, "routes[1].visits[0].stop"},
		{"mandatory missing", nil, []vrp.Route{handRoute("truck", "D", "a", "b")}, 25, "stops[2]"},
		{"max duration", func(in *vrp.Input) { in.Vehicles[0].MaxDurationS = 40 },
			[]vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 43, "routes[0].duration_s"},
		{"max distance", func(in *vrp.Input) { in.Vehicles[0].MaxDistanceM = 42 },
			[]vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 43, "routes[0].distance_m"},
		{"max stops", func(in *vrp.Input) { in.Vehicles[0].MaxStops = 2 },
			[]vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 43, "routes[0].visits"},
		{"shift end", func(in *vrp.Input) { in.Vehicles[0].Shift = &vrp.TimeWindow{StartS: 0, EndS: 30} },
			[]vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 43, "routes[0].end_s"},
		{"fixed and time cost", func(in *vrp.Input) {
			in.Vehicles[0].FixedCost, in.Vehicles[0].CostPerM, in.Vehicles[0].CostPerS = 100, 2, 0.5
			in.Stops[0].ServiceS = 4
		}, []vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 100 + 2*43 + 0.5*47, ""},
		{"cost misreported", nil, []vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 40, "cost"},
		{"optional left out pays", func(in *vrp.Input) { in.Stops[2].Penalty = 7 },
			[]vrp.Route{handRoute("truck", "D", "a", "b")}, 25 + 7, ""},
		{"unknown vehicle", nil, []vrp.Route{handRoute("van", "D", "a", "b", "c")}, 0, "routes[0].vehicle"},
		// The road's state.
		{"locked stop on another vehicle", func(in *vrp.Input) { in.Stops[2].Vehicle = "reefer" },
			[]vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 43, "routes[0].visits[2].stop"},
		{"on board served by another", func(in *vrp.Input) { in.Vehicles[0].Count, in.Vehicles[0].OnBoard = 1, []string{"c"} },
			[]vrp.Route{handRoute("truck", "D", "a", "b"), handRoute("reefer", "D2", "c")}, 27, "routes[1].visits[0].stop"},
		{"fixed sequence kept", func(in *vrp.Input) { in.Vehicles[0].Count, in.Vehicles[0].FixedSequence = 1, []string{"a", "b"} },
			[]vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 43, ""},
		{"fixed sequence out of order", func(in *vrp.Input) { in.Vehicles[0].Count, in.Vehicles[0].FixedSequence = 1, []string{"b", "a"} },
			[]vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 43, "routes[0].visits[0].stop"},
		{"fixed sequence not driven", func(in *vrp.Input) { in.Vehicles[1].FixedSequence = []string{"c"} },
			[]vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 43, "vehicles[1].fixed_sequence"},
		{"leaves before free", func(in *vrp.Input) { in.Vehicles[0].FreeFromS = 5 },
			[]vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 43, "routes[0].start_s"},
		{"own start", func(in *vrp.Input) {
			in.Vehicles[0].Count, in.Vehicles[0].StartDepot, in.Vehicles[0].EndDepot = 1, "", "D"
			in.Vehicles[0].StartIndex = new(4)
		}, []vrp.Route{handRoute("truck", "", "c"), handRoute("reefer", "D2", "a", "b")}, 1 + 20 + 27, ""},
		{"own start but a depot reported", func(in *vrp.Input) {
			in.Vehicles[0].Count, in.Vehicles[0].StartDepot, in.Vehicles[0].EndDepot = 1, "", "D"
			in.Vehicles[0].StartIndex = new(4)
		}, []vrp.Route{handRoute("truck", "D", "c"), handRoute("reefer", "D2", "a", "b")}, 1 + 20 + 27, "routes[0].start_depot"},
		{"in service: no window, its remaining time", func(in *vrp.Input) {
			in.Vehicles[0].Count, in.Vehicles[0].FixedSequence = 1, []string{"a"}
			in.Stops[0].TimeWindows = []vrp.TimeWindow{{StartS: 0, EndS: 5}}
			in.Stops[0].ServiceS, in.Stops[0].RemainingServiceS = 100, new(2.0)
			in.Vehicles[0].MaxDurationS = 45
		}, []vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 43, ""},
		{"in service counts its remaining time", func(in *vrp.Input) {
			in.Vehicles[0].Count, in.Vehicles[0].FixedSequence = 1, []string{"a"}
			in.Stops[0].RemainingServiceS = new(2.0)
			in.Vehicles[0].MaxDurationS = 44
		}, []vrp.Route{handRoute("truck", "D", "a", "b", "c")}, 43, "routes[0].duration_s"},
		{"index past count", nil, []vrp.Route{{Vehicle: "reefer", Index: 1, StartDepot: "D2", Visits: []vrp.Visit{{Stop: "c"}}}, handRoute("truck", "D", "a", "b")}, 27, "routes[0].index"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := handInput()
			if c.edit != nil {
				c.edit(in)
			}
			out := &vrp.Output{Routes: c.routes, Cost: c.cost}
			served := map[string]bool{}
			for _, r := range c.routes {
				for _, v := range r.Visits {
					served[v.Stop] = true
				}
			}
			for _, s := range in.Stops {
				if !served[s.ID] {
					out.Unassigned = append(out.Unassigned, vrp.Unassigned{ID: s.ID, Reason: "test"})
				}
			}
			rep, err := vrp.Check(in, out)
			if err != nil {
				t.Fatal(err)
			}
			if c.field == "" {
				if !rep.Feasible {
					t.Fatalf("got violations %v, want feasible", rep.Violations)
				}
				if d := rep.Cost - c.cost; d > 1e-9 || d < -1e-9 {
					t.Errorf("got cost %g, want %g", rep.Cost, c.cost)
				}
				return
			}
			if rep.Feasible {
				t.Fatalf("got feasible, want a violation at %s", c.field)
			}
			found := false
			var got []string
			for _, v := range rep.Violations {
				got = append(got, v.String())
				if v.Field == c.field {
					found = true
				}
			}
			if !found {
				t.Errorf("got %s, want a violation at %s", strings.Join(got, "; "), c.field)
			}
		})
	}
}
