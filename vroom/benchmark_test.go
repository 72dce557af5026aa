package vroom_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"fulfil/datasets"
	"fulfil/geo"
	"fulfil/solver/vrp"
	"fulfil/vroom"
)

// sharedDir holds the benchmark sets (/work/shared/datasets when the repo
// is /work/main).
const sharedDir = "../../shared/datasets"

// solomonVROOM converts a Solomon instance to VROOM's JSON model: integer
// matrices in tenths of the instance's unit (CVRPLIB's one-decimal
// truncated distances, so exact), travel time equal to distance, every
// vehicle of the fleet listed, and VROOM's default cost (per_hour 3600:
// cost = travel time), so that cost / 10 is the Solomon distance.
func solomonVROOM(s *datasets.Solomon) *vroom.Input {
	n := len(s.Customers)
	d := s.Distances(geo.Trunc1)
	dur := make([][]int64, n)
	for i := range dur {
		dur[i] = make([]int64, n)
		for j := range dur[i] {
			dur[i][j] = int64(math.Round(10 * d[i*n+j]))
		}
	}
	ten := func(x float64) int64 { return int64(math.Round(10 * x)) }
	in := &vroom.Input{Matrices: map[string]vroom.Matrices{"car": {Durations: dur}}}
	dp := s.Customers[0]
	for k := range s.Vehicles {
		in.Vehicles = append(in.Vehicles, vroom.Vehicle{
			ID: uint64(k + 1), StartIndex: new(0), EndIndex: new(0),
			Capacity: []int64{s.Capacity}, TimeWindow: []int64{ten(dp.Ready), ten(dp.Due)},
		})
	}
	for c := 1; c < n; c++ {
		cu := s.Customers[c]
		in.Jobs = append(in.Jobs, vroom.Job{
			ID: uint64(c), LocationIndex: new(c), Delivery: []int64{cu.Demand},
			Service: ten(cu.Service), TimeWindows: [][]int64{{ten(cu.Ready), ten(cu.Due)}},
		})
	}
	return in
}

// Side by side on Solomon instances converted to VROOM JSON: the cost of
// the answer (in the instance's unit) against the distance-only best known
// value, and against vrp.Solve on the native input with the same budget.
// VROOM's reference publishes no results on these sets, so there is no
// VROOM column. The test runs C101 on a small budget and asserts that every
// job is served within 10 % of the best known; BenchmarkSolomonSideBySide
// runs five instances on 2000 offspring and reports the gaps.
func TestSolomonSideBySide(t *testing.T) {
	sideBySide(t, []string{"C101"}, 300)
}

func BenchmarkSolomonSideBySide(b *testing.B) {
	for b.Loop() {
		sideBySide(b, []string{"C101", "R101", "RC101", "C201", "R201"}, 2000)
	}
}

func sideBySide(tb testing.TB, names []string, iterations int64) {
	dir := filepath.Join(sharedDir, "solomon")
	bks, err := datasets.ReadBKS(filepath.Join(dir, "bks.csv"))
	if err != nil {
		tb.Skipf("shared Solomon set not found at %s: %v", dir, err)
	}
	opt := vroom.Options{Search: vrp.Options{Iterations: iterations, Threads: 1, Seed: 1}}
	var sum float64
	for _, name := range names {
		s, err := datasets.ReadSolomonFile(filepath.Join(dir, name+".txt"))
		if err != nil {
			tb.Fatal(err)
		}
		in := solomonVROOM(s)
		out, err := vroom.Solve(context.Background(), in, opt)
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		if t, ok := tb.(*testing.T); ok {
			checkAnswer(t, in, out)
		}
		native, err := s.VRPInput()
		if err != nil {
			tb.Fatal(err)
		}
		nout, err := vrp.Solve(context.Background(), native, opt.Search)
		if err != nil {
			tb.Fatal(err)
		}
		got, best := float64(out.Summary.Cost)/10, bks[name].Value
		gap := 100 * (got - best) / best
		sum += gap
		tb.Logf("%-6s VROOM JSON %8.1f (%2d routes)  native vrp %8.1f (%2d routes)  best known %8.1f  gap %5.2f %%",
			name, got, out.Summary.Routes, nout.Cost, nout.VehiclesUsed, best, gap)
		if len(out.Unassigned) != 0 || gap > 10 || gap < -1e-9 {
			tb.Errorf("%s: %d unassigned, cost %.1f, %.2f %% from the best known %.1f", name, len(out.Unassigned), got, gap, best)
		}
	}
	if b, ok := tb.(*testing.B); ok {
		b.ReportMetric(sum/float64(len(names)), "gap%")
	}
}

// liLimVROOM converts a Li & Lim instance to VROOM's JSON model: each
// pair a shipment whose pickup and delivery ids are the task numbers,
// integer matrices in hundredths of the instance's unit (Euclidean
// distance rounded up, so that a plan on time in the matrices is on time
// in double precision), travel time equal to distance, the K vehicles of
// capacity Q from and to the depot within its window, and a fixed cost of
// 10^6 (10 000 units of distance) per vehicle: VROOM has no hierarchical
// objective, and this is how its users ask for fewer vehicles first.
func liLimVROOM(l *datasets.LiLim) *vroom.Input {
	n := len(l.Tasks)
	dur := make([][]int64, n)
	for i, a := range l.Tasks {
		dur[i] = make([]int64, n)
		for j, b := range l.Tasks {
			dur[i][j] = int64(math.Ceil(100 * math.Hypot(a.X-b.X, a.Y-b.Y)))
		}
	}
	cent := func(x float64) int64 { return int64(math.Round(100 * x)) }
	in := &vroom.Input{Jobs: []vroom.Job{}, Matrices: map[string]vroom.Matrices{"car": {Durations: dur}}}
	dp := l.Tasks[0]
	for k := range l.Vehicles {
		in.Vehicles = append(in.Vehicles, vroom.Vehicle{
			ID: uint64(k + 1), StartIndex: new(0), EndIndex: new(0), Capacity: []int64{l.Capacity},
			TimeWindow: []int64{cent(dp.Earliest), cent(dp.Latest)}, Costs: &vroom.Costs{Fixed: 1_000_000},
		})
	}
	step := func(c int) vroom.ShipmentStep {
		t := l.Tasks[c]
		return vroom.ShipmentStep{ID: uint64(c), LocationIndex: new(c), Service: cent(t.Service),
			TimeWindows: [][]int64{{cent(t.Earliest), cent(t.Latest)}}}
	}
	for _, r := range l.Requests() {
		in.Shipments = append(in.Shipments, vroom.Shipment{
			Amount: []int64{l.Tasks[r[0]].Demand}, Pickup: step(r[0]), Delivery: step(r[1]),
		})
	}
	return in
}

// Side by side on Li & Lim instances converted to VROOM shipments: the
// VROOM JSON answer's vehicles and distance (rechecked in double precision
// by LiLim.Check) against vrp.Solve on the native input (vehicles_first)
// with the same budget, and the best known (vehicles, then distance). The
// test runs lc101 on a small budget and asserts every shipment served, the
// answer valid for LiLim.Check, and the distance within 10 % of the best
// known; BenchmarkLiLimSideBySide runs six instances and reports the gaps.
func TestLiLimSideBySide(t *testing.T) {
	liLimSideBySide(t, []string{"lc101"}, 300)
}

func BenchmarkLiLimSideBySide(b *testing.B) {
	for b.Loop() {
		liLimSideBySide(b, []string{"lc101", "lc201", "lr101", "lr201", "lrc101", "lrc201"}, 1000)
	}
}

func liLimSideBySide(tb testing.TB, names []string, iterations int64) {
	dir := filepath.Join(sharedDir, "pdptw", "li-lim")
	f, err := os.Open(filepath.Join(dir, "bks.csv"))
	if err != nil {
		tb.Skipf("shared Li & Lim set not found at %s: %v", dir, err)
	}
	defer f.Close()
	bks, err := datasets.ReadHierBKS(f, "bks.csv")
	if err != nil {
		tb.Fatal(err)
	}
	opt := vroom.Options{Search: vrp.Options{Iterations: iterations, Threads: 1, Seed: 1}}
	var sum float64
	for _, name := range names {
		l, err := datasets.ReadLiLimFile(filepath.Join(dir, "pdp_100", name+".txt"))
		if err != nil {
			tb.Fatal(err)
		}
		in := liLimVROOM(l)
		out, err := vroom.Solve(context.Background(), in, opt)
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		if t, ok := tb.(*testing.T); ok {
			checkAnswer(t, in, out)
			checkShipments(t, in, out)
		}
		var routes [][]int
		for _, r := range out.Routes {
			var tasks []int
			for _, st := range r.Steps {
				if st.Type == "pickup" || st.Type == "delivery" {
					tasks = append(tasks, int(*st.ID))
				}
			}
			routes = append(routes, tasks)
		}
		veh, dist, err := l.Check(routes)
		if err != nil {
			tb.Fatalf("%s: the VROOM JSON answer fails LiLim.Check: %v", name, err)
		}
		native, err := l.VRPInput()
		if err != nil {
			tb.Fatal(err)
		}
		nopt := opt.Search
		nopt.FleetObjective = "vehicles_first"
		nout, err := vrp.Solve(context.Background(), native, nopt)
		if err != nil {
			tb.Fatal(err)
		}
		best := bks[name]
		gap := 100 * (dist - best.Distance) / best.Distance
		sum += gap
		tb.Logf("%-6s VROOM JSON %2d veh %8.2f  native vrp %2d veh %8.2f  best known %2d veh %8.2f  gap %5.2f %%",
			name, veh, dist, nout.VehiclesUsed, nout.DistanceM, best.Vehicles, best.Distance, gap)
		// bks.csv keeps four decimals: better than that is a checker bug.
		if len(out.Unassigned) != 0 || gap > 10 || dist < best.Distance-1e-4 {
			tb.Errorf("%s: %d unassigned, distance %.2f, %.2f %% from the best known %.2f", name, len(out.Unassigned), dist, gap, best.Distance)
		}
	}
	if b, ok := tb.(*testing.B); ok {
		b.ReportMetric(sum/float64(len(names)), "gap%")
	}
}
