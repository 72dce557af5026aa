package vrp_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"fulfil/geo"
	"fulfil/solver/vrp"
)

// pickupDelivery is a small random problem with shipments: pairs
// shipments (pickup "pN", delivery "dN") and plain deliveries from the
// depot, two trucks of capacity 10 with a shift, windows on some stops.
// kind "optional" makes every second shipment optional.
func pickupDelivery(rng *rand.Rand, pairs, plain int, kind string) *vrp.Input {
	in := &vrp.Input{
		Depots: []vrp.Depot{{ID: "D", Location: geo.Point{50, 50}, Window: &vrp.TimeWindow{StartS: 0, EndS: 600}}},
		Vehicles: []vrp.Vehicle{
			{ID: "a", Count: 1, StartDepot: "D", Capacity: vrp.Load{Units: 10}},
			{ID: "b", Count: 1, StartDepot: "D", Capacity: vrp.Load{Units: 10}},
		},
		Travel: vrp.Travel{Metric: "euclidean"},
	}
	at := func() geo.Point { return geo.Point{rng.Float64() * 100, rng.Float64() * 100} }
	for k := range pairs {
		q := 3 + rng.Int64N(5)
		p := vrp.Stop{ID: fmt.Sprint("p", k), Location: at(), Demand: vrp.Load{Units: q}, ServiceS: 5, DeliverTo: fmt.Sprint("d", k)}
		d := vrp.Stop{ID: fmt.Sprint("d", k), Location: at(), Demand: vrp.Load{Units: q}, ServiceS: 5}
		if rng.IntN(2) == 0 {
			a := rng.Float64() * 200
			d.TimeWindows = []vrp.TimeWindow{{StartS: a, EndS: a + 150}}
		}
		if kind == "optional" && k%2 == 1 {
			p.Penalty, d.Penalty = 40, 40
		}
		in.Stops = append(in.Stops, p, d)
	}
	for k := range plain {
		in.Stops = append(in.Stops, vrp.Stop{ID: fmt.Sprint("s", k), Location: at(), Demand: vrp.Load{Units: 1 + rng.Int64N(4)}})
	}
	return in
}

// Shipments: the ruin-and-recreate search finds the optimum of every plan
// Check accepts (pairs on one route, pickup first, capacity along the
// route), on random small cases with and without plain stops and
// optional pairs.
func TestShipmentsBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 2))
	for _, c := range []struct {
		name         string
		pairs, plain int
		kind         string
	}{
		{"pairs", 3, 0, ""},
		{"pairs+plain", 2, 2, ""},
		{"optional", 3, 0, "optional"},
		{"pairs+plain optional", 2, 1, "optional"},
	} {
		for k := range 3 {
			in := pickupDelivery(rng, c.pairs, c.plain, c.kind)
			t.Run(fmt.Sprintf("%s/%d", c.name, k), func(t *testing.T) {
				if out := matchBrute(t, in, 3000); out.Search.Method != "ruin_recreate" {
					t.Errorf("got method %q, want ruin_recreate", out.Search.Method)
				}
			})
		}
	}
}

// shipmentLine is a line of three places east of the depot: a shipment from
// "p" to "d" of 6 and a delivery of 8 to "s", for count trucks of capacity
// 10.
func shipmentLine(count int) *vrp.Input {
	return &vrp.Input{
		Depots:   []vrp.Depot{{ID: "D", Location: geo.Point{0, 0}}},
		Vehicles: []vrp.Vehicle{{ID: "a", Count: count, StartDepot: "D", Capacity: vrp.Load{Units: 10}}},
		Travel:   vrp.Travel{Metric: "euclidean"},
		Stops: []vrp.Stop{
			{ID: "p", Location: geo.Point{10, 0}, Demand: vrp.Load{Units: 6}, DeliverTo: "d"},
			{ID: "d", Location: geo.Point{20, 0}, Demand: vrp.Load{Units: 6}},
			{ID: "s", Location: geo.Point{30, 0}, Demand: vrp.Load{Units: 8}},
		},
	}
}

// A shipment that only fits with the pickup before a delivery that frees
// room: the truck (capacity 10) carries 8 from the depot to "s", and must
// serve "s" before picking up 6 at "p".
func TestShipmentLoadRisesAndFalls(t *testing.T) {
	in := shipmentLine(1)
	o := vrp.DefaultOptions()
	o.Threads, o.Iterations = 1, 200
	out, _ := solveChecked(t, in, o)
	if !out.Feasible || len(out.Routes) != 1 {
		t.Fatalf("got feasible %v with %d routes, want one feasible route", out.Feasible, len(out.Routes))
	}
	var got []string
	for _, v := range out.Routes[0].Visits {
		got = append(got, v.Stop)
	}
	if strings.Join(got, " ") != "s p d" {
		t.Errorf("got visits %v, want s p d (8 delivered before 6 are picked up)", got)
	}
	if want := 80.0; math.Abs(out.DistanceM-want) > 1e-6 {
		t.Errorf("got distance %g, want %g", out.DistanceM, want)
	}
}

// Check catches each way of breaking a shipment.
func TestCheckShipments(t *testing.T) {
	in := shipmentLine(2)
	route := func(idx int, stops ...string) vrp.Route {
		rt := vrp.Route{Vehicle: "a", Index: idx, StartDepot: "D"}
		for _, s := range stops {
			rt.Visits = append(rt.Visits, vrp.Visit{Stop: s})
		}
		return rt
	}
	for _, c := range []struct {
		name   string
		routes []vrp.Route
		field  string
	}{
		{"delivery first", []vrp.Route{route(0, "s", "d", "p")}, "routes[0].visits[1].stop"},
		{"split pair", []vrp.Route{route(0, "p", "s"), route(1, "d")}, "routes[1].visits[0].stop"},
		{"overload on the way", []vrp.Route{route(0, "p", "d", "s")}, "routes[0].load.units"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep, err := vrp.Check(in, &vrp.Output{Routes: c.routes})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, v := range rep.Violations {
				found = found || v.Field == c.field
			}
			if rep.Feasible || !found {
				t.Errorf("got feasible %v, violations %v; want one at %s", rep.Feasible, rep.Violations, c.field)
			}
		})
	}
	rep, err := vrp.Check(in, &vrp.Output{Routes: []vrp.Route{route(0, "s", "p", "d")}, Cost: 80})
	if err != nil || !rep.Feasible {
		t.Fatalf("got %v %v, want the plan s p d feasible", err, rep.Violations)
	}
	un := &vrp.Output{Routes: []vrp.Route{route(0, "s", "p")}, Cost: 80}
	if rep, _ := vrp.Check(in, un); rep.Feasible {
		t.Error("a pickup without its delivery passed Check")
	}
}

// Bad shipments are InputErrors naming the field.
func TestShipmentBadInput(t *testing.T) {
	base := func() *vrp.Input {
		return &vrp.Input{
			Depots:   []vrp.Depot{{ID: "D", Location: geo.Point{0, 0}}},
			Vehicles: []vrp.Vehicle{{ID: "a", Count: 1, StartDepot: "D", Capacity: vrp.Load{Units: 10}}},
			Travel:   vrp.Travel{Metric: "euclidean"},
			Stops: []vrp.Stop{
				{ID: "p", Location: geo.Point{10, 0}, Demand: vrp.Load{Units: 6}, DeliverTo: "d"},
				{ID: "d", Location: geo.Point{20, 0}, Demand: vrp.Load{Units: 6}},
				{ID: "s", Location: geo.Point{30, 0}, Demand: vrp.Load{Units: 1}},
			},
		}
	}
	for _, c := range []struct {
		name  string
		edit  func(in *vrp.Input)
		field string
	}{
		{"unknown", func(in *vrp.Input) { in.Stops[0].DeliverTo = "x" }, "stops[0].deliver_to"},
		{"itself", func(in *vrp.Input) { in.Stops[0].DeliverTo = "p" }, "stops[0].deliver_to"},
		{"chain", func(in *vrp.Input) { in.Stops[1].DeliverTo = "s" }, "stops[0].deliver_to"},
		{"two pickups", func(in *vrp.Input) { in.Stops[2].DeliverTo = "d"; in.Stops[2].Demand.Units = 6 }, "stops[2].deliver_to"},
		{"demand differs", func(in *vrp.Input) { in.Stops[1].Demand.Units = 5 }, "stops[1].demand"},
		{"half optional", func(in *vrp.Input) { in.Stops[0].Penalty = 3 }, "stops[1].penalty"},
		{"too heavy", func(in *vrp.Input) { in.Stops[0].Demand.Units, in.Stops[1].Demand.Units = 11, 11 }, "stops[0]"},
		{"two windows", func(in *vrp.Input) {
			in.Stops[2].TimeWindows = []vrp.TimeWindow{{StartS: 0, EndS: 10}, {StartS: 20, EndS: 30}}
		}, "stops[2].time_windows"},
		{"max duration", func(in *vrp.Input) { in.Vehicles[0].MaxDurationS = 100 }, "vehicles[0].max_duration_s"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := base()
			c.edit(in)
			expectField(t, in, c.field)
		})
	}
	o := vrp.DefaultOptions()
	o.FleetObjective = "fewest"
	if _, err := vrp.Solve(context.Background(), base(), o); err == nil || !strings.Contains(err.Error(), "fleet_objective") {
		t.Errorf("got %v, want an error naming fleet_objective", err)
	}
}
