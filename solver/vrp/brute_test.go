package vrp_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"fulfil/geo"
	"fulfil/solver/vrp"
)

// bruteForce returns the optimal distance of a single-depot problem with a
// free fleet of one vehicle type by enumerating every order of the stops
// and, for each, every way to cut it into consecutive routes (a DP over cut
// points). Routes must respect capacity in each dimension and every time
// window (waiting allowed, departure at 0). Its own float64 code, sharing
// nothing with the solver.
func bruteForce(in *vrp.Input) float64 {
	n := len(in.Stops)
	veh := in.Vehicles[0]
	dep := in.Depots[0].Location
	dist := func(a, b geo.Point) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }
	if len(in.Profiles) > 0 {
		// Explicit matrix: places are looked up by location in the test's
		// own table.
		idx := map[geo.Point]int{}
		idx[in.Depots[0].Location] = *in.Depots[0].MatrixIndex
		for _, st := range in.Stops {
			idx[st.Location] = *st.MatrixIndex
		}
		dm := in.Profiles[0].DistanceM
		dist = func(a, b geo.Point) float64 { return dm[idx[a]][idx[b]] }
	}
	route := func(order []int) (float64, bool) {
		var w, v float64
		var u int64
		at, now, d := dep, 0.0, 0.0
		for _, s := range order {
			st := in.Stops[s]
			w += st.Demand.WeightKg
			v += st.Demand.VolumeM3
			u += st.Demand.Units
			step := dist(at, st.Location)
			d += step
			now += step
			if len(st.TimeWindows) > 0 {
				tw := st.TimeWindows[0]
				if now > tw.EndS+1e-9 {
					return 0, false
				}
				now = math.Max(now, tw.StartS)
			}
			now += st.ServiceS
			at = st.Location
		}
		if (veh.Capacity.WeightKg > 0 && w > veh.Capacity.WeightKg+1e-9) ||
			(veh.Capacity.VolumeM3 > 0 && v > veh.Capacity.VolumeM3+1e-9) ||
			(veh.Capacity.Units > 0 && u > veh.Capacity.Units) {
			return 0, false
		}
		d += dist(at, dep)
		now += dist(at, dep)
		if w := in.Depots[0].Window; w != nil && now > w.EndS+1e-9 {
			return 0, false
		}
		return d, true
	}
	best := math.Inf(1)
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	pot := make([]float64, n+1)
	var rec func(k int)
	rec = func(k int) {
		if k == n {
			for i := range pot {
				pot[i] = math.Inf(1)
			}
			pot[0] = 0
			for i := range n {
				for j := i + 1; j <= n; j++ {
					if c, ok := route(perm[i:j]); ok && pot[i]+c < pot[j] {
						pot[j] = pot[i] + c
					}
				}
			}
			best = math.Min(best, pot[n])
			return
		}
		for i := k; i < n; i++ {
			perm[k], perm[i] = perm[i], perm[k]
			rec(k + 1)
			perm[k], perm[i] = perm[i], perm[k]
		}
	}
	rec(0)
	return best
}

// randomSmall makes a random instance of n stops of the given kind.
func randomSmall(rng *rand.Rand, n int, kind string) *vrp.Input {
	in := &vrp.Input{
		Depots:   []vrp.Depot{{ID: "D", Location: geo.Point{50, 50}}},
		Vehicles: []vrp.Vehicle{{ID: "v", StartDepot: "D"}},
		Travel:   vrp.Travel{Metric: "euclidean"},
	}
	switch kind {
	case "cvrp":
		in.Vehicles[0].Capacity.Units = 10
	case "weight+volume":
		in.Vehicles[0].Capacity = vrp.Load{WeightKg: 100, VolumeM3: 1}
	case "time windows", "asymmetric windows":
		in.Vehicles[0].Capacity.Units = 20
		in.Depots[0].Window = &vrp.TimeWindow{StartS: 0, EndS: 400}
		if kind == "asymmetric windows" {
			in.Depots[0].Window.EndS = 600
		}
	case "asymmetric":
		in.Vehicles[0].Capacity.Units = 10
	}
	for i := range n {
		s := vrp.Stop{ID: fmt.Sprint("s", i), Location: geo.Point{rng.Float64() * 100, rng.Float64() * 100}}
		switch kind {
		case "cvrp":
			s.Demand.Units = 1 + rng.Int64N(5)
		case "weight+volume":
			s.Demand = vrp.Load{WeightKg: float64(10 + rng.IntN(40)), VolumeM3: float64(1+rng.IntN(5)) / 10}
		case "asymmetric":
			s.Demand.Units = 1 + rng.Int64N(5)
		case "time windows", "asymmetric windows":
			s.Demand.Units = 1 + rng.Int64N(5)
			a := rng.Float64() * 200
			w := 40 + rng.Float64()*60
			if kind == "asymmetric windows" {
				w += 100 // detours make travel longer
			}
			s.TimeWindows = []vrp.TimeWindow{{StartS: a, EndS: a + w}}
			s.ServiceS = 10
		}
		in.Stops = append(in.Stops, s)
	}
	if strings.HasPrefix(kind, "asymmetric") {
		// One-way streets: each direction costs the Euclidean distance
		// plus an independent random detour, so d(i,j) != d(j,i).
		pts := []geo.Point{in.Depots[0].Location}
		for _, s := range in.Stops {
			pts = append(pts, s.Location)
		}
		rows := make([][]float64, len(pts))
		for i := range pts {
			rows[i] = make([]float64, len(pts))
			for j := range pts {
				if i != j {
					rows[i][j] = math.Round(math.Hypot(pts[i][0]-pts[j][0], pts[i][1]-pts[j][1]) + rng.Float64()*40)
				}
			}
		}
		in.Profiles = []vrp.Profile{{ID: "oneway", DistanceM: rows}}
		in.Depots[0].MatrixIndex = new(0)
		for s := range in.Stops {
			in.Stops[s].MatrixIndex = new(s + 1)
		}
	}
	return in
}

// HGS finds the brute-force optimum on small instances of each kind.
func TestHGSMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for _, kind := range []string{"cvrp", "weight+volume", "time windows", "asymmetric", "asymmetric windows"} {
		for k := range 4 {
			n := 6 + k%2
			in := randomSmall(rng, n, kind)
			t.Run(fmt.Sprintf("%s/%d", kind, k), func(t *testing.T) {
				want := bruteForce(in)
				if math.IsInf(want, 1) {
					t.Skip("no feasible plan")
				}
				o := vrp.DefaultOptions()
				o.Threads = 1
				o.Iterations = 2500
				out, rep := solveChecked(t, in, o)
				if !out.Feasible {
					t.Fatalf("infeasible: %+v", out.Unassigned)
				}
				// The model rounds each arc to 1/1000, so costs may differ
				// from the exact optimum by half a thousandth per arc.
				if math.Abs(rep.Cost-want) > 0.01 {
					t.Errorf("got cost %.6f, want brute-force optimum %.6f", rep.Cost, want)
				}
			})
		}
	}
}
