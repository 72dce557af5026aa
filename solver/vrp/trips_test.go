package vrp_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"fulfil/geo"
	"fulfil/solver/vrp"
)

// One truck of capacity 10 and three stops of 6: it must drive three
// trips, reloading twice; without max_trips it cannot serve them all.
func TestTripsOneTruckReloads(t *testing.T) {
	in := &vrp.Input{
		Depots:   []vrp.Depot{{ID: "D", Location: geo.Point{0, 0}, ReloadS: 30}},
		Vehicles: []vrp.Vehicle{{ID: "truck", Count: 1, StartDepot: "D", Capacity: vrp.Load{Units: 10}, MaxTrips: 3}},
		Travel:   vrp.Travel{Metric: "euclidean"},
		Stops: []vrp.Stop{
			{ID: "a", Location: geo.Point{10, 0}, Demand: vrp.Load{Units: 6}},
			{ID: "b", Location: geo.Point{0, 10}, Demand: vrp.Load{Units: 6}},
			{ID: "c", Location: geo.Point{-10, 0}, Demand: vrp.Load{Units: 6}},
		},
	}
	o := vrp.DefaultOptions()
	o.Threads, o.Iterations = 1, 500
	out, rep := solveChecked(t, in, o)
	if !out.Feasible || len(out.Routes) != 1 {
		t.Fatalf("got feasible %v with %d routes (%v), want one truck serving all", out.Feasible, len(out.Routes), out.Unassigned)
	}
	reloads := 0
	for _, v := range out.Routes[0].Visits {
		if v.Reload {
			reloads++
		}
	}
	if reloads != 2 || math.Abs(rep.DistanceM-60) > 1e-6 {
		t.Errorf("got %d reloads and distance %g, want 2 and 60", reloads, rep.DistanceM)
	}
	if want := 60.0 + 2*30; math.Abs(out.Routes[0].DurationS-want) > 1e-6 {
		t.Errorf("got duration %g, want %g (driving and two reloads)", out.Routes[0].DurationS, want)
	}
	in.Vehicles[0].MaxTrips = 2
	if out, _ := solveChecked(t, in, o); out.Feasible {
		t.Error("two trips served three stops of 6 on a truck of 10")
	}
}

// Random small days for one or two trucks of several trips, with windows
// and a depot that closes: the search finds the optimum of every plan
// Check accepts.
func TestTripsBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 4))
	for k := range 8 {
		in := &vrp.Input{
			Depots:   []vrp.Depot{{ID: "D", Location: geo.Point{50, 50}, Window: &vrp.TimeWindow{StartS: 0, EndS: 500}, ReloadS: 20}},
			Vehicles: []vrp.Vehicle{{ID: "a", Count: 1, StartDepot: "D", Capacity: vrp.Load{Units: 10}, MaxTrips: 3}},
			Travel:   vrp.Travel{Metric: "euclidean"},
		}
		if k%2 == 1 {
			in.Vehicles = append(in.Vehicles, vrp.Vehicle{ID: "b", Count: 1, StartDepot: "D", Capacity: vrp.Load{Units: 10}, MaxTrips: 2, FixedCost: 50})
		}
		in.Stops = randomStops(rng, 5, stopShape{demand: 2, service: 5, windowOneIn: 3, open: 200, width: 150, penalty: 60})
		t.Run(fmt.Sprint(k), func(t *testing.T) { matchBrute(t, in, 3000) })
	}
}

// Bad multi-trip input is an InputError naming the field; Check rejects a
// reload the vehicle may not make.
func TestTripsBadInput(t *testing.T) {
	base := func() *vrp.Input {
		return &vrp.Input{
			Depots:   []vrp.Depot{{ID: "D", Location: geo.Point{0, 0}}},
			Vehicles: []vrp.Vehicle{{ID: "truck", Count: 1, StartDepot: "D", Capacity: vrp.Load{Units: 10}, MaxTrips: 2}},
			Travel:   vrp.Travel{Metric: "euclidean"},
			Stops:    []vrp.Stop{{ID: "a", Location: geo.Point{10, 0}, Demand: vrp.Load{Units: 6}}},
		}
	}
	for _, c := range []struct {
		name  string
		edit  func(in *vrp.Input)
		field string
	}{
		{"negative trips", func(in *vrp.Input) { in.Vehicles[0].MaxTrips = -1 }, "vehicles[0].max_trips"},
		{"reload time", func(in *vrp.Input) { in.Depots[0].ReloadS = -5 }, "depots[0].reload_s"},
		{"own start", func(in *vrp.Input) {
			in.Vehicles[0].StartDepot, in.Vehicles[0].EndDepot = "", "D"
			in.Vehicles[0].StartLocation = &geo.Point{1, 1}
		}, "vehicles[0].start_location"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := base()
			c.edit(in)
			expectField(t, in, c.field)
		})
	}
	in := base()
	in.Vehicles[0].MaxTrips = 0
	rt := vrp.Route{Vehicle: "truck", StartDepot: "D", Visits: []vrp.Visit{{Stop: "D", Reload: true}, {Stop: "a"}}}
	rep, err := vrp.Check(in, &vrp.Output{Routes: []vrp.Route{rt}, Cost: 20})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Feasible {
		t.Error("Check accepted a reload by a vehicle of one trip")
	}
}

// TestTripsKeepSkills: a second trip may only carry what the truck's
// skills allow. The example night of the plan (two warehouses, stops
// locked to theirs by skill, every truck allowed two trips) once got a W1
// delivery on W2's truck's second trip, which Check refused: the
// ruin-and-recreate search tried new trips without the skills test that
// guards every other insertion.
func TestTripsKeepSkills(t *testing.T) {
	in := readRequest(t, "testdata/multitrip-skills.json")
	for seed := range uint64(4) {
		o := vrp.DefaultOptions()
		o.Iterations, o.Seed, o.Threads = 3000, seed+1, 1
		out, err := vrp.Solve(t.Context(), in, o)
		if err != nil {
			t.Fatalf("seed %d: %v", seed+1, err)
		}
		rep, err := vrp.Check(in, out)
		if err != nil {
			t.Fatal(err)
		}
		if !out.Feasible || !rep.Feasible || len(out.Unassigned) != 0 {
			t.Errorf("seed %d: feasible %v, check %v %v, %d unassigned; want every stop served feasibly",
				seed+1, out.Feasible, rep.Feasible, rep.Violations, len(out.Unassigned))
		}
	}
}
