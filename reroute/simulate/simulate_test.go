package simulate

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"fulfil/geo"
	"fulfil/nightly"
	"fulfil/reroute"
	"fulfil/solver/vrp"
)

func TestWorldJam(t *testing.T) {
	w := world{roadFactor: 1.3, speedMS: 30 / 3.6}
	a, b := geo.Point{121.40, 31.20}, geo.Point{121.41, 31.20}
	free := w.arrive(a, b, 1000) - 1000
	if want := geo.HaversineM(a, b) * 1.3 / (30 / 3.6); math.Abs(free-want) > 1e-9 {
		t.Fatalf("free flow: got %g s, want %g", free, want)
	}
	if err := w.addJam(a, 3000, 2, 0, 3600); err != nil {
		t.Fatal(err)
	}
	if got := w.arrive(a, b, 1000) - 1000; math.Abs(got-2*free) > 1e-9 {
		t.Errorf("inside the jam: got %g s, want %g", got, 2*free)
	}
	// Leaving free/2 before the jam ends: half the time at half speed
	// covers a quarter, the rest at full speed.
	dep := 3600 - free/2
	if got, want := w.arrive(a, b, dep), 3600+free*3/4; math.Abs(got-want) > 1e-9 {
		t.Errorf("across the jam's end: got %g, want %g", got, want)
	}
	far, far2 := geo.Point{122.5, 31.9}, geo.Point{122.51, 31.9}
	want := geo.HaversineM(far, far2) * 1.3 / (30 / 3.6)
	if got := w.arrive(far, far2, 1000) - 1000; math.Abs(got-want) > 1e-9 {
		t.Errorf("outside the jam: got %g s, want %g", got, want)
	}
}

// smallNight is a plan of 30 stops on three trucks, as nightly lays it out.
func smallNight(t *testing.T) (*nightly.Input, *nightly.Plan) {
	t.Helper()
	rng := rand.New(rand.NewPCG(3, 1))
	in := &nightly.Input{DeadlineS: 11 * 3600, Travel: nightly.Travel{SpeedKmh: 30, RoadFactor: 1.3}}
	r := &vrp.Input{Depots: []vrp.Depot{{ID: "W1", Location: geo.Point{121.40, 31.20}}},
		Travel: vrp.Travel{Metric: "haversine", SpeedKmh: 30, RoadFactor: 1.3}}
	for k := range 3 {
		id := fmt.Sprintf("T%02d", k+1)
		in.Trucks = append(in.Trucks, nightly.Truck{ID: id})
		r.Vehicles = append(r.Vehicles, vrp.Vehicle{ID: id, Count: 1, StartDepot: "W1", Capacity: vrp.Load{WeightKg: 600},
			Shift: &vrp.TimeWindow{StartS: 6 * 3600, EndS: 14 * 3600}})
	}
	for i := range 30 {
		pp := nightly.PickupPoint{ID: fmt.Sprintf("P%03d", i), Location: geo.Point{121.40 + 0.1*(rng.Float64()-0.5), 31.20 + 0.08*(rng.Float64()-0.5)},
			OpenS: 7 * 3600, ServiceS: 300}
		in.PickupPoints = append(in.PickupPoints, pp)
		r.Stops = append(r.Stops, vrp.Stop{ID: pp.ID + "@W1", Location: pp.Location, Demand: vrp.Load{WeightKg: 50}, ServiceS: 300,
			TimeWindows: []vrp.TimeWindow{{StartS: 7 * 3600, EndS: 10 * 3600}}, Penalty: 1e6})
	}
	o := vrp.DefaultOptions()
	o.Seed, o.Threads, o.Iterations = 1, 1, 2000
	out, err := vrp.Solve(context.Background(), r, o)
	if err != nil || !out.Feasible || len(out.Routes) != 3 {
		t.Fatalf("the night: %v, %d routes; want a feasible plan on 3 trucks", err, len(out.Routes))
	}
	return in, &nightly.Plan{Routing: nightly.RoutingStage{Input: r, Output: out}}
}

func TestRunPolicies(t *testing.T) {
	in, plan := smallNight(t)
	// Break the truck with most stops left at 08:10.
	victim, most := "", 0
	for _, r := range plan.Routing.Output.Routes {
		n := 0
		for _, v := range r.Visits {
			if v.StartS > 8*3600+600 {
				n++
			}
		}
		if n > most {
			victim, most = r.Vehicle, n
		}
	}
	if most == 0 {
		t.Fatal("no truck has work after 08:10")
	}
	c := geo.Point{121.40, 31.20}
	ev := []reroute.Event{
		{At: "07:30", Type: reroute.EventTraffic, Center: &c, RadiusM: 3000, Factor: 2, Until: "09:00"},
		{At: "08:10", Type: reroute.EventBreakdown, Truck: victim},
		{At: "08:30", Type: reroute.EventNewOrder, PickupPoint: "P005", WeightKg: 120, VolumeM3: 0.4, Deadline: "11:00"},
	}
	for i := range ev {
		ev[i].AtS, _ = reroute.ParseClock(ev[i].At)
		ev[i].UntilS, _ = reroute.ParseClock(ev[i].Until)
		ev[i].DeadlineS, _ = reroute.ParseClock(ev[i].Deadline)
	}
	res, err := Run(context.Background(), in, plan, ev, Options{ResolveS: 0.2, Reroute: reroute.Options{TimeLimitS: 0.2, Seed: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stops != 31 || len(res.Policies) != 3 {
		t.Fatalf("got %d stops, %d policies; want 31 and 3", res.Stops, len(res.Policies))
	}
	none, rr := res.Policies[0], res.Policies[1]
	if none.Unserved != most+1 {
		t.Errorf("none: got %d unserved, want the %d stops of the broken truck and the new order", none.Unserved, most+1)
	}
	if rr.Unserved != 0 || rr.Calls != 3 {
		t.Errorf("reroute: got %d unserved in %d calls, want 0 in 3", rr.Unserved, rr.Calls)
	}
	if rr.MovedStops < most {
		t.Errorf("reroute: got %d moved stops, want at least the broken truck's %d", rr.MovedStops, most)
	}
	for _, p := range res.Policies {
		served := 0
		for _, tr := range p.Trucks {
			served += len(tr.Stops)
		}
		if served+p.Unserved != res.Stops {
			t.Errorf("%s: %d served + %d unserved, want %d", p.Policy, served, p.Unserved, res.Stops)
		}
	}
}
