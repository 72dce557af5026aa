package vrp_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"

	"fulfil/geo"
	"fulfil/solver"
	"fulfil/solver/vrp"
)

// bruteByCheck is the optimum of a small problem whose vehicles all have
// Count 1, found by enumerating every assignment of stops to vehicles (or
// to none, for optional stops), every order of each route and, for a
// vehicle of several trips, every cut of it into trips, and for a vehicle
// with a break (one at most), every place for it, each plan
// priced and judged by Check alone; routes leave at their earliest
// departure (the tests set no cost per second, so waiting costs nothing).
// It returns +Inf when no plan is feasible.
func bruteByCheck(t *testing.T, in *vrp.Input) float64 {
	t.Helper()
	V, n := len(in.Vehicles), len(in.Stops)
	depart := make([]float64, V)
	for k, vh := range in.Vehicles {
		depart[k] = vh.FreeFromS
		if vh.Shift != nil {
			depart[k] = math.Max(depart[k], vh.Shift.StartS)
		}
		for _, d := range in.Depots {
			if d.ID == vh.StartDepot && d.Window != nil {
				depart[k] = math.Max(depart[k], d.Window.StartS)
			}
		}
	}
	best := math.Inf(1)
	assign := make([]int, n) // vehicle, or V for unserved
	var routes [][]int
	cuts := make([]int, V) // bit g: reload after the g-th stop (Vehicle.MaxTrips)
	rest := make([]int, V) // the one break (Vehicle.Breaks) before the rest-th stop
	var order func(v int)
	try := func() {
		out := &vrp.Output{Routes: []vrp.Route{}, Unassigned: []vrp.Unassigned{}}
		for v, r := range routes {
			if len(r) == 0 {
				continue
			}
			rt := vrp.Route{Vehicle: in.Vehicles[v].ID, StartDepot: in.Vehicles[v].StartDepot, StartS: depart[v]}
			for g, s := range r {
				if b := in.Vehicles[v].Breaks; len(b) > 0 && rest[v] == g {
					rt.Visits = append(rt.Visits, vrp.Visit{Stop: b[0].ID, Break: true})
				}
				rt.Visits = append(rt.Visits, vrp.Visit{Stop: in.Stops[s].ID})
				if cuts[v]&(1<<g) != 0 {
					rt.Visits = append(rt.Visits, vrp.Visit{Stop: in.Vehicles[v].StartDepot, Reload: true})
				}
			}
			if b := in.Vehicles[v].Breaks; len(b) > 0 && rest[v] == len(r) {
				rt.Visits = append(rt.Visits, vrp.Visit{Stop: b[0].ID, Break: true})
			}
			out.Routes = append(out.Routes, rt)
		}
		for s := range n {
			if assign[s] == V {
				out.Unassigned = append(out.Unassigned, vrp.Unassigned{ID: in.Stops[s].ID})
			}
		}
		rep, err := vrp.Check(in, out)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range rep.Violations {
			if x.Field != "cost" {
				return
			}
		}
		best = math.Min(best, rep.Cost)
	}
	// order permutes route v in place, then the routes after it.
	var perm func(v, k int)
	perm = func(v, k int) {
		r := routes[v]
		if k == len(r) {
			// Every way to cut the sequence into trips: reloads in gaps.
			gaps := max(len(r)-1, 0)
			for c := range 1 << gaps {
				if bits.OnesCount(uint(c))+1 > max(in.Vehicles[v].MaxTrips, 1) {
					continue
				}
				cuts[v] = c
				for rest[v] = 0; rest[v] <= len(r); rest[v]++ {
					order(v + 1)
					if len(in.Vehicles[v].Breaks) == 0 {
						break
					}
				}
			}
			return
		}
		for i := k; i < len(r); i++ {
			r[k], r[i] = r[i], r[k]
			perm(v, k+1)
			r[k], r[i] = r[i], r[k]
		}
	}
	order = func(v int) {
		if v == V {
			try()
			return
		}
		perm(v, 0)
	}
	var rec func(s int)
	rec = func(s int) {
		if s == n {
			routes = make([][]int, V)
			for x, v := range assign {
				if v < V {
					routes[v] = append(routes[v], x)
				}
			}
			order(0)
			return
		}
		for v := range V + 1 {
			if v == V && in.Stops[s].Penalty == 0 {
				continue
			}
			assign[s] = v
			rec(s + 1)
		}
	}
	rec(0)
	return best
}

// dayInProgress is a small day being re-planned: truck "a" is on the road
// (its own start, free from 100 s, goods on board for one stop, a fixed
// sequence whose first stop is in service), truck "b" waits at the depot;
// one stop is locked to "b". kind picks which of these features are on.
func dayInProgress(rng *rand.Rand, kind string) *vrp.Input {
	in := &vrp.Input{
		Depots: []vrp.Depot{{ID: "D", Location: geo.Point{50, 50}}},
		Vehicles: []vrp.Vehicle{
			{ID: "a", Count: 1, StartDepot: "D", Capacity: vrp.Load{Units: 12}},
			{ID: "b", Count: 1, StartDepot: "D", Capacity: vrp.Load{Units: 9}},
		},
		Travel: vrp.Travel{Metric: "euclidean"},
	}
	for i := range 5 {
		s := vrp.Stop{ID: fmt.Sprint("s", i), Location: geo.Point{rng.Float64() * 100, rng.Float64() * 100},
			Demand: vrp.Load{Units: 1 + rng.Int64N(4)}, ServiceS: 5}
		if rng.IntN(3) == 0 {
			a := rng.Float64() * 150
			s.TimeWindows = []vrp.TimeWindow{{StartS: a, EndS: a + 120}}
		}
		if i == 4 {
			s.Penalty = 60
		}
		in.Stops = append(in.Stops, s)
	}
	a := &in.Vehicles[0]
	if strings.Contains(kind, "start") {
		a.StartDepot, a.EndDepot = "", "D"
		a.StartLocation = &geo.Point{rng.Float64() * 100, rng.Float64() * 100}
		a.FreeFromS = 100
	}
	if strings.Contains(kind, "board") {
		a.OnBoard = []string{"s1"}
	}
	if strings.Contains(kind, "lock") {
		in.Stops[2].Vehicle = "b"
	}
	if strings.Contains(kind, "fixed") {
		a.FixedSequence = []string{"s3", "s0"}
		in.Stops[3].TimeWindows = nil
		in.Stops[0].TimeWindows = nil
		if strings.Contains(kind, "service") {
			in.Stops[3].RemainingServiceS = new(40.0)
		}
	}
	return in
}

// Each part of the road's state, alone and together: the exact answer is
// the optimum of every plan Check accepts, and the genetic search (on the
// same problem padded past the exact size) finds it too.
func TestRoadStateBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 1))
	for _, kind := range []string{"start", "board", "lock", "fixed", "fixed service", "start board lock fixed service"} {
		for k := range 3 {
			in := dayInProgress(rng, kind)
			t.Run(fmt.Sprintf("%s/%d", kind, k), func(t *testing.T) {
				want := bruteByCheck(t, in)
				o := vrp.DefaultOptions()
				o.Threads = 1
				out, rep := solveChecked(t, in, o)
				if math.IsInf(want, 1) {
					if out.Feasible {
						t.Fatalf("got a feasible plan of cost %g, brute force finds none", rep.Cost)
					}
					return
				}
				if !out.Feasible {
					t.Fatalf("infeasible (%v), brute force finds cost %g", rep.Violations, want)
				}
				if math.Abs(rep.Cost-want) > 0.01 {
					t.Errorf("exact: got cost %.4f, want brute-force optimum %.4f", rep.Cost, want)
				}
				big := *in
				big.Stops = append([]vrp.Stop(nil), in.Stops...)
				for p := len(in.Stops); p < 9; p++ {
					big.Stops = append(big.Stops, vrp.Stop{ID: fmt.Sprint("pad", p), Location: geo.Point{1e4, 1e4}, Penalty: 1,
						TimeWindows: []vrp.TimeWindow{{StartS: 0, EndS: 1}}})
				}
				o.Iterations, o.UseFullLimit = 1000, true
				hout, hrep := solveChecked(t, &big, o)
				if hout.Search.Method != "hgs" || !hout.Feasible {
					t.Fatalf("got method %q feasible %v (%v), want a feasible hgs plan", hout.Search.Method, hout.Feasible, hout.Unassigned)
				}
				// The genetic search is a heuristic: it must never beat the
				// optimum (which would make the exact or the brute force wrong).
				if pad := float64(9 - len(in.Stops)); hrep.Cost-pad < want-0.01 {
					t.Errorf("hgs: got cost %.4f, below the brute-force optimum %.4f", hrep.Cost-pad, want)
				} else if hrep.Cost-pad > want+0.01 {
					t.Logf("hgs: cost %.4f, optimum %.4f", hrep.Cost-pad, want)
				}
			})
		}
	}
}

// Bad road-state input is an InputError naming the field.
func TestRoadStateBadInput(t *testing.T) {
	for _, c := range []struct {
		name  string
		edit  func(in *vrp.Input)
		field string
	}{
		{"own start with a count of 2", func(in *vrp.Input) {
			in.Vehicles[0].Count = 2
			in.Vehicles[0].StartLocation = &geo.Point{1, 1}
			in.Vehicles[0].StartDepot, in.Vehicles[0].EndDepot = "", "D"
		}, "vehicles[0].start_location"},
		{"own start and a start depot", func(in *vrp.Input) {
			in.Vehicles[0].Count = 1
			in.Vehicles[0].StartLocation = &geo.Point{1, 1}
			in.Vehicles[0].EndDepot = "D"
		}, "vehicles[0].start_depot"},
		{"own start without an end", func(in *vrp.Input) {
			in.Vehicles[0].Count = 1
			in.Vehicles[0].StartLocation = &geo.Point{1, 1}
			in.Vehicles[0].StartDepot = ""
		}, "vehicles[0].end_depot"},
		{"start index without profiles", func(in *vrp.Input) {
			in.Vehicles[0].Count = 1
			in.Vehicles[0].StartLocation = &geo.Point{1, 1}
			in.Vehicles[0].StartIndex = new(0)
			in.Vehicles[0].StartDepot, in.Vehicles[0].EndDepot = "", "D"
		}, "vehicles[0].start_index"},
		{"negative free from", func(in *vrp.Input) { in.Vehicles[0].FreeFromS = -1 }, "vehicles[0].free_from_s"},
		{"on board of a type of 2", func(in *vrp.Input) { in.Vehicles[0].OnBoard = []string{"a"} }, "vehicles[0].on_board"},
		{"unknown stop on board", func(in *vrp.Input) {
			in.Vehicles[0].Count = 1
			in.Vehicles[0].OnBoard = []string{"zz"}
		}, "vehicles[0].on_board[0]"},
		{"fixed twice", func(in *vrp.Input) {
			in.Vehicles[0].Count = 1
			in.Vehicles[0].FixedSequence = []string{"a", "b", "a"}
		}, "vehicles[0].fixed_sequence[2]"},
		{"on board of a stop locked elsewhere", func(in *vrp.Input) {
			in.Vehicles[0].Count = 1
			in.Vehicles = append(in.Vehicles, vrp.Vehicle{ID: "van", Count: 1, StartDepot: "D", Capacity: vrp.Load{WeightKg: 100}})
			in.Stops[1].Vehicle = "van"
			in.Vehicles[0].OnBoard = []string{"b"}
		}, "vehicles[0].on_board[0]"},
		{"unknown lock", func(in *vrp.Input) { in.Stops[2].Vehicle = "ghost" }, "stops[2].vehicle"},
		{"in service but not first", func(in *vrp.Input) {
			in.Vehicles[0].Count = 1
			in.Vehicles[0].FixedSequence = []string{"a", "b"}
			in.Stops[1].RemainingServiceS = new(10.0)
		}, "stops[1].remaining_service_s"},
		{"negative remaining service", func(in *vrp.Input) {
			in.Vehicles[0].Count = 1
			in.Vehicles[0].FixedSequence = []string{"a"}
			in.Stops[0].RemainingServiceS = new(-3.0)
		}, "stops[0].remaining_service_s"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := tiny()
			c.edit(in)
			expectField(t, in, c.field)
		})
	}
}

// expectField solves in and wants an InputError whose first field is field.
func expectField(t *testing.T, in *vrp.Input, field string) {
	t.Helper()
	_, err := vrp.Solve(context.Background(), in, vrp.DefaultOptions())
	ie, ok := errors.AsType[*solver.InputError](err)
	if !ok {
		t.Fatalf("got error %v, want *solver.InputError", err)
	}
	if ie.Field() != field {
		t.Errorf("got field %q (%v), want %q", ie.Field(), err, field)
	}
}

// The day-in-progress sample request (two trucks mid-route, one with a
// fixed beginning whose first stop is in service, goods on board, a
// locked stop) is answered feasibly with every rule kept.
func TestDayInProgressSample(t *testing.T) {
	in := readRequest(t, "testdata/day-in-progress.json")
	o := vrp.DefaultOptions()
	o.Threads = 1
	out, _ := solveChecked(t, in, o)
	if !out.Feasible {
		t.Fatalf("infeasible: %v", out.Unassigned)
	}
	on := map[string]string{}
	for _, r := range out.Routes {
		for k, v := range r.Visits {
			on[v.Stop] = fmt.Sprintf("%s#%d", r.Vehicle, k)
		}
	}
	for stop, want := range map[string]string{"P1": "T1#0", "P2": "T1#1"} {
		if on[stop] != want {
			t.Errorf("got %s at %q, want %q", stop, on[stop], want)
		}
	}
	for stop, want := range map[string]string{"P3": "T1", "P5": "T2", "P6": "T5"} {
		if !strings.HasPrefix(on[stop], want+"#") {
			t.Errorf("got %s on %q, want vehicle %s", stop, on[stop], want)
		}
	}
	t.Logf("cost %.0f, %s, stop %s after %d iterations", out.Cost, out.Search.Method, out.Stats.Stop, out.Stats.Iterations)
}

// matchBrute solves in on one thread for iters iterations and wants the
// brute-force optimum of bruteByCheck: the same cost, or no feasible plan
// when there is none. It returns the answer.
func matchBrute(t *testing.T, in *vrp.Input, iters int64) *vrp.Output {
	t.Helper()
	want := bruteByCheck(t, in)
	o := vrp.DefaultOptions()
	o.Threads, o.Iterations = 1, iters
	out, rep := solveChecked(t, in, o)
	switch {
	case math.IsInf(want, 1):
		if out.Feasible {
			t.Fatalf("got a feasible plan of cost %g, brute force finds none", rep.Cost)
		}
	case !out.Feasible:
		t.Fatalf("infeasible (%v, %v), brute force finds cost %g", rep.Violations, out.Unassigned, want)
	case math.Abs(rep.Cost-want) > 0.01:
		t.Errorf("got cost %.4f, want brute-force optimum %.4f", rep.Cost, want)
	}
	return out
}

// stopShape says how randomStops draws stops: demand from demand to
// demand+4 units, service time, a window [a, a+width] with a uniform in
// [0, open) on one stop in windowOneIn, and penalty on one in four.
type stopShape struct {
	demand      int64
	service     float64
	windowOneIn int
	open, width float64
	penalty     float64
}

// randomStops draws n stops "s0".. on the square [0, 100]².
func randomStops(rng *rand.Rand, n int, sh stopShape) []vrp.Stop {
	var out []vrp.Stop
	for s := range n {
		st := vrp.Stop{ID: fmt.Sprint("s", s), Location: geo.Point{rng.Float64() * 100, rng.Float64() * 100},
			Demand: vrp.Load{Units: sh.demand + rng.Int64N(5)}, ServiceS: sh.service}
		if rng.IntN(sh.windowOneIn) == 0 {
			a := rng.Float64() * sh.open
			st.TimeWindows = []vrp.TimeWindow{{StartS: a, EndS: a + sh.width}}
		}
		if rng.IntN(4) == 0 {
			st.Penalty = sh.penalty
		}
		out = append(out, st)
	}
	return out
}
