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

// A day in progress: truck t1 is on the road with goods on board for p1
// and must first finish p0, where service has 120 s left; truck t2 waits
// at the warehouse, free from 08:10. p4 is locked to t2. The new stops p2
// and p3 go where they fit best.
func Example_dayInProgress() {
	in := &vrp.Input{
		Depots: []vrp.Depot{{ID: "warehouse", Location: geo.Point{0, 0}}},
		Vehicles: []vrp.Vehicle{
			{ID: "t1", Count: 1, StartLocation: &geo.Point{400, 0}, EndDepot: "warehouse", FreeFromS: 8 * 3600,
				Capacity: vrp.Load{WeightKg: 500}, OnBoard: []string{"p1"}, FixedSequence: []string{"p0"}},
			{ID: "t2", Count: 1, StartDepot: "warehouse", FreeFromS: 8*3600 + 600, Capacity: vrp.Load{WeightKg: 500}},
		},
		Stops: []vrp.Stop{
			{ID: "p0", Location: geo.Point{400, 0}, Demand: vrp.Load{WeightKg: 100}, ServiceS: 300, RemainingServiceS: new(120.0)},
			{ID: "p1", Location: geo.Point{600, 200}, Demand: vrp.Load{WeightKg: 150}, ServiceS: 300},
			{ID: "p2", Location: geo.Point{700, 0}, Demand: vrp.Load{WeightKg: 100}, ServiceS: 300},
			{ID: "p3", Location: geo.Point{0, 500}, Demand: vrp.Load{WeightKg: 100}, ServiceS: 300},
			{ID: "p4", Location: geo.Point{-300, 0}, Demand: vrp.Load{WeightKg: 100}, ServiceS: 300, Vehicle: "t2"},
		},
		Travel: vrp.Travel{Metric: "euclidean", SpeedKmh: 18}, // 5 m/s
	}
	out, err := vrp.Solve(context.Background(), in, vrp.DefaultOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, _ := vrp.Check(in, out)
	fmt.Printf("cost %.1f m, feasible %v, check %v, %s\n", out.Cost, out.Feasible, rep.Feasible, out.Search.Method)
	for _, r := range out.Routes {
		fmt.Print(r.Vehicle, " from ", r.StartS, " s:")
		for _, v := range r.Visits {
			fmt.Printf(" %s@%.0f", v.Stop, v.StartS)
		}
		fmt.Println()
	}
	// Output:
	// cost 2294.4 m, feasible true, check true, exact
	// t1 from 28800 s: p0@28800 p2@28980 p1@29325 p3@29759
	// t2 from 29400 s: p4@29460
}
