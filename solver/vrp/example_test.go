package vrp_test

import (
	"context"
	"fmt"

	"fulfil/geo"
	"fulfil/solver/vrp"
)

// Two vans from one warehouse deliver six pickup points on a plane, each van
// carrying at most 100 kg. The plan is rechecked with Check.
func Example() {
	in := &vrp.Input{
		Depots: []vrp.Depot{{ID: "warehouse", Location: geo.Point{0, 0}}},
		Vehicles: []vrp.Vehicle{{
			ID: "van", Count: 2, StartDepot: "warehouse",
			Capacity: vrp.Load{WeightKg: 100},
		}},
		Travel: vrp.Travel{Metric: "euclidean"},
	}
	for i, p := range []geo.Point{{0, 10}, {0, 20}, {10, 20}, {0, -10}, {0, -20}, {-10, -20}} {
		in.Stops = append(in.Stops, vrp.Stop{
			ID: fmt.Sprint("p", i), Location: p, Demand: vrp.Load{WeightKg: 30}, ServiceS: 60,
		})
	}
	opt := vrp.DefaultOptions()
	opt.Iterations = 200
	opt.Threads = 1
	out, err := vrp.Solve(context.Background(), in, opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, _ := vrp.Check(in, out)
	fmt.Printf("cost %.1f, %d vans, feasible %v, check %v\n", out.Cost, out.VehiclesUsed, out.Feasible, rep.Feasible)
	for _, r := range out.Routes {
		fmt.Print(r.Vehicle, "#", r.Index, ":")
		for _, v := range r.Visits {
			fmt.Print(" ", v.Stop)
		}
		fmt.Println()
	}
	// Output:
	// cost 104.7, 2 vans, feasible true, check true
	// van#0: p0 p1 p2
	// van#1: p3 p4 p5
}
