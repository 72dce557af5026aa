package vrp_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"fulfil/geo"
	"fulfil/solver/vrp"
)

// A break that must fit between two stops: a van (open end) serves a
// then b (window from 200); its 30 s break may start in [100, 180], so it
// is taken after a, in the wait for b, and the plan stays as short.
func TestBreakTakenInTheWait(t *testing.T) {
	in := &vrp.Input{
		Depots: []vrp.Depot{{ID: "D", Location: geo.Point{0, 0}}},
		Vehicles: []vrp.Vehicle{{ID: "van", Count: 1, StartDepot: "D", OpenEnd: true,
			Breaks: []vrp.Break{{ID: "lunch", Window: vrp.TimeWindow{StartS: 100, EndS: 180}, DurationS: 30}}}},
		Travel: vrp.Travel{Metric: "euclidean"},
		Stops: []vrp.Stop{
			{ID: "a", Location: geo.Point{10, 0}, TimeWindows: []vrp.TimeWindow{{StartS: 0, EndS: 1000}}},
			{ID: "b", Location: geo.Point{20, 0}, TimeWindows: []vrp.TimeWindow{{StartS: 200, EndS: 1000}}},
		},
	}
	o := vrp.DefaultOptions()
	o.Threads, o.Iterations = 1, 300
	out, rep := solveChecked(t, in, o)
	if !out.Feasible || len(out.Routes) != 1 {
		t.Fatalf("got feasible %v, %d routes", out.Feasible, len(out.Routes))
	}
	var got []string
	for _, v := range out.Routes[0].Visits {
		got = append(got, v.Stop)
		if v.Break && (v.StartS < 100 || v.StartS > 180 || v.DepartureS-v.StartS != 30) {
			t.Errorf("break from %g to %g, want a start in [100, 180] for 30 s", v.StartS, v.DepartureS)
		}
	}
	if fmt.Sprint(got) != "[a lunch b]" || math.Abs(rep.DistanceM-20) > 1e-9 {
		t.Errorf("got %v, distance %g; want [a lunch b], 20", got, rep.DistanceM)
	}
}

// Random small days with a break per vehicle: the search finds the
// optimum of every plan Check accepts, break places included.
func TestBreaksBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 5))
	for k := range 8 {
		in := &vrp.Input{
			Depots: []vrp.Depot{{ID: "D", Location: geo.Point{50, 50}, Window: &vrp.TimeWindow{StartS: 0, EndS: 600}}},
			Vehicles: []vrp.Vehicle{{ID: "a", Count: 1, StartDepot: "D", Capacity: vrp.Load{Units: 15},
				Breaks: []vrp.Break{{ID: "rest", Window: vrp.TimeWindow{StartS: 100 + rng.Float64()*100, EndS: 250 + rng.Float64()*50}, DurationS: 40 + rng.Float64()*40}}}},
			Travel: vrp.Travel{Metric: "euclidean"},
		}
		if k%2 == 1 {
			in.Vehicles = append(in.Vehicles, vrp.Vehicle{ID: "b", Count: 1, StartDepot: "D", Capacity: vrp.Load{Units: 15}, FixedCost: 30,
				Breaks: []vrp.Break{{ID: "rest", Window: vrp.TimeWindow{StartS: 50, EndS: 200}, DurationS: 60}}})
		}
		in.Stops = randomStops(rng, 5, stopShape{demand: 1, service: 10, windowOneIn: 2, open: 300, width: 120, penalty: 80})
		t.Run(fmt.Sprint(k), func(t *testing.T) { matchBrute(t, in, 3000) })
	}
}

// Bad breaks are InputErrors naming the field; Check rejects a route
// without its break and a break out of its window.
func TestBreaksBadInput(t *testing.T) {
	base := func() *vrp.Input {
		return &vrp.Input{
			Depots: []vrp.Depot{{ID: "D", Location: geo.Point{0, 0}}},
			Vehicles: []vrp.Vehicle{{ID: "van", Count: 1, StartDepot: "D",
				Breaks: []vrp.Break{{ID: "lunch", Window: vrp.TimeWindow{StartS: 100, EndS: 180}, DurationS: 30}}}},
			Travel: vrp.Travel{Metric: "euclidean"},
			Stops:  []vrp.Stop{{ID: "a", Location: geo.Point{10, 0}}},
		}
	}
	for _, c := range []struct {
		name  string
		edit  func(in *vrp.Input)
		field string
	}{
		{"no id", func(in *vrp.Input) { in.Vehicles[0].Breaks[0].ID = "" }, "vehicles[0].breaks[0].id"},
		{"window", func(in *vrp.Input) { in.Vehicles[0].Breaks[0].Window.EndS = 50 }, "vehicles[0].breaks[0].window"},
		{"duration", func(in *vrp.Input) { in.Vehicles[0].Breaks[0].DurationS = -1 }, "vehicles[0].breaks[0].duration_s"},
		{"unsorted", func(in *vrp.Input) {
			in.Vehicles[0].Breaks = append(in.Vehicles[0].Breaks, vrp.Break{ID: "early", Window: vrp.TimeWindow{StartS: 0, EndS: 10}})
		}, "vehicles[0].breaks[1].window.start_s"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := base()
			c.edit(in)
			expectField(t, in, c.field)
		})
	}
	in := base()
	for _, visits := range [][]vrp.Visit{
		{{Stop: "a"}},                           // no break
		{{Stop: "a"}, {Stop: "x", Break: true}}, // unknown break
	} {
		rep, err := vrp.Check(in, &vrp.Output{Routes: []vrp.Route{{Vehicle: "van", StartDepot: "D", Visits: visits}}, Cost: 20})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Feasible {
			t.Errorf("Check accepted %v", visits)
		}
	}
	in.Vehicles[0].Breaks[0].Window = vrp.TimeWindow{StartS: 0, EndS: 5}
	rep, _ := vrp.Check(in, &vrp.Output{Routes: []vrp.Route{{Vehicle: "van", StartDepot: "D",
		Visits: []vrp.Visit{{Stop: "a"}, {Stop: "lunch", Break: true}}}}, Cost: 20})
	if rep.Feasible {
		t.Error("Check accepted a break after its window")
	}
}
