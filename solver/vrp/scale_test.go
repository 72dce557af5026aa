package vrp_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"testing"
	"time"

	"fulfil/solver/vrp"
)

// TestScaleProbe solves a nightly-planning sized problem: 2000 pickup
// points around Shanghai, two warehouses, vans and reefers with shifts and
// skills, one delivery window, 10 s. It reports wall time, memory and the
// validator's verdict. Manual: skipped unless VRP_SCALE is set.
func TestScaleProbe(t *testing.T) {
	if os.Getenv("VRP_SCALE") == "" {
		t.Skip("set VRP_SCALE=1 to run")
	}
	rng := rand.New(rand.NewPCG(1, 1))
	in := &vrp.Input{
		Depots: []vrp.Depot{{ID: "w1", Location: [2]float64{121.47, 31.23}}, {ID: "w2", Location: [2]float64{121.30, 31.10}}},
		Vehicles: []vrp.Vehicle{
			{ID: "van", StartDepot: "w1", Count: 80, Capacity: vrp.Load{WeightKg: 800, VolumeM3: 6}, FixedCost: 100, CostPerM: 0.002, CostPerS: 0.005, Shift: &vrp.TimeWindow{StartS: 3600 * 5, EndS: 3600 * 14}},
			{ID: "reefer", StartDepot: "w2", Count: 40, Capacity: vrp.Load{WeightKg: 1500, VolumeM3: 10}, FixedCost: 200, CostPerM: 0.003, CostPerS: 0.005, Skills: []string{"cold"}, Shift: &vrp.TimeWindow{StartS: 3600 * 5, EndS: 3600 * 14}},
		},
		Travel: vrp.Travel{Metric: "haversine", SpeedKmh: 30, RoadFactor: 1.3},
	}
	for i := range 2000 {
		s := vrp.Stop{ID: fmt.Sprint(i), Location: [2]float64{121.2 + rng.Float64()*0.5, 30.95 + rng.Float64()*0.5},
			Demand: vrp.Load{WeightKg: 20 + rng.Float64()*60, VolumeM3: 0.1 + rng.Float64()*0.4}, ServiceS: 300,
			TimeWindows: []vrp.TimeWindow{{StartS: 3600 * 6, EndS: 3600 * 12}}}
		if i%5 == 0 {
			s.Skills = []string{"cold"}
		}
		in.Stops = append(in.Stops, s)
	}
	o := vrp.DefaultOptions()
	o.TimeLimitS = 10
	t0 := time.Now()
	out, err := vrp.Solve(context.Background(), in, o)
	if err != nil {
		t.Fatal(err)
	}
	if !out.Feasible {
		t.Errorf("infeasible: %+v", out.Unassigned)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	rep, _ := vrp.Check(in, out)
	t.Logf("wall %.2fs feasible %v check %v cost %.0f vehicles %d unassigned %d iters %d heap %dMB sys %dMB", time.Since(t0).Seconds(), out.Feasible, rep.Feasible, out.Cost, out.VehiclesUsed, len(out.Unassigned), out.Stats.Iterations, ms.HeapAlloc>>20, ms.Sys>>20)
}
