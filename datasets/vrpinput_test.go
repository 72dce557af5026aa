package datasets_test

import (
	"math"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"fulfil/datasets"
	"fulfil/geo"
	"fulfil/solver/vrp"
)

// planOf turns a .sol into a vrp.Output for an input built by VRPInput,
// reporting cost (vrp.Check compares it with its own).
func planOf(in *vrp.Input, sol *datasets.Solution, cost float64) *vrp.Output {
	out := &vrp.Output{Cost: cost}
	start := 0.0
	if w := in.Depots[0].Window; w != nil {
		start = w.StartS
	}
	for k, route := range sol.Routes {
		rt := vrp.Route{Vehicle: in.Vehicles[0].ID, Index: k, StartDepot: datasets.DepotID, StartS: start}
		for _, c := range route {
			rt.Visits = append(rt.Visits, vrp.Visit{Stop: strconv.Itoa(c)})
		}
		out.Routes = append(out.Routes, rt)
	}
	return out
}

// crossCheck runs vrp.Check on the .sol routes and requires a feasible plan
// costing what the datasets checker recomputed.
func crossCheck(t *testing.T, name string, in *vrp.Input, sol *datasets.Solution, want float64) {
	t.Helper()
	rep, err := vrp.Check(in, planOf(in, sol, want))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !rep.Feasible || math.Abs(rep.Cost-want) > 1e-6*math.Max(1, want) {
		t.Errorf("%s: vrp.Check feasible=%v cost %.6f, violations %v; want feasible, cost %.6f", name, rep.Feasible, rep.Cost, rep.Violations, want)
	}
	if rep.VehiclesUsed != len(sol.Routes) {
		t.Errorf("%s: %d vehicles used, want %d", name, rep.VehiclesUsed, len(sol.Routes))
	}
}

// TestVRPInputSmall converts the testdata instances and has vrp.Check
// agree with the published optima: A-n32-k5 784, CMT6 555.43, C101 827.3.
func TestVRPInputSmall(t *testing.T) {
	for _, c := range []struct {
		dir, name string
		want      float64
	}{{"samples", "A-n32-k5", 784}, {"testdata", "CMT6", 555.43}} {
		v, err := datasets.ReadVRPLIBFile(c.dir + "/" + c.name + ".vrp")
		if err != nil {
			t.Fatal(err)
		}
		sol, err := datasets.ReadSolutionFile(c.dir + "/" + c.name + ".sol")
		if err != nil {
			t.Fatal(err)
		}
		in, err := v.VRPInput(datasets.RoundingFor(v.Name))
		if err != nil {
			t.Fatal(err)
		}
		if len(in.Stops) != v.Customers() || in.Stops[0].ID != "1" || in.Vehicles[0].Capacity.Units != v.Capacity ||
			in.Vehicles[0].MaxDurationS != v.MaxDistance {
			t.Fatalf("%s: got %+v", c.name, in.Vehicles)
		}
		want, err := v.Check(sol, datasets.RoundingFor(v.Name))
		if err != nil || math.Abs(want-c.want) > 0.005 {
			t.Fatalf("%s: Check %v, %v; want %v", c.name, want, err, c.want)
		}
		crossCheck(t, c.name, in, sol, want)
		// A DISTANCE limit the optimum breaks must make vrp.Check object.
		if v.MaxDistance > 0 {
			in.Vehicles[0].MaxDurationS = 100
			if rep, _ := vrp.Check(in, planOf(in, sol, want)); rep.Feasible {
				t.Errorf("%s: max_duration_s 100 accepted", c.name)
			}
		}
	}
	s, err := datasets.ReadSolomonFile("samples/C101.txt")
	if err != nil {
		t.Fatal(err)
	}
	sol, err := datasets.ReadSolutionFile("samples/C101.sol")
	if err != nil {
		t.Fatal(err)
	}
	in, err := s.VRPInput()
	if err != nil {
		t.Fatal(err)
	}
	crossCheck(t, "C101", in, sol, 827.3)
	// Closing a visited stop's window before the vehicle can arrive makes
	// the plan late.
	in.Stops[sol.Routes[0][2]-1].TimeWindows[0] = vrp.TimeWindow{StartS: 0, EndS: 1}
	if rep, _ := vrp.Check(in, planOf(in, sol, 827.3)); rep.Feasible {
		t.Error("C101 with a closed window: plan accepted")
	}
}

// TestSolutionFromOutput maps a plan back to customer numbers.
func TestSolutionFromOutput(t *testing.T) {
	out := &vrp.Output{DistanceM: 12.5, Routes: []vrp.Route{
		{Visits: []vrp.Visit{{Stop: "3"}, {Stop: "1"}}},
		{},
		{Visits: []vrp.Visit{{Stop: "2"}}},
	}}
	sol, err := datasets.SolutionFromOutput(out)
	want := &datasets.Solution{Routes: [][]int{{3, 1}, {2}}, Cost: 12.5}
	if err != nil || !reflect.DeepEqual(sol, want) {
		t.Errorf("got %+v, %v; want %+v", sol, err, want)
	}
	out.Routes[0].Visits[0].Stop = "depot"
	if _, err := datasets.SolutionFromOutput(out); err == nil || !strings.Contains(err.Error(), "routes[0].visits[0].stop") {
		t.Errorf("got %v, want an error naming routes[0].visits[0].stop", err)
	}
}

// TestVRPInputShared has vrp.Check, which shares no code with this
// package, verify every shipped CVRPLIB and Solomon-format solution on the
// converted inputs.
func TestVRPInputShared(t *testing.T) {
	if testing.Short() {
		t.Skip("short: the small cases cover the conversion")
	}
	for _, set := range []string{"A", "B", "P", "CMT", "Golden", "X"} {
		dir := shared(t, "cvrplib", set)
		files, _ := filepath.Glob(filepath.Join(dir, "*.vrp"))
		for _, path := range files {
			v, err := datasets.ReadVRPLIBFile(path)
			if err != nil {
				t.Fatal(err)
			}
			sol, err := datasets.ReadSolutionFile(strings.TrimSuffix(path, ".vrp") + ".sol")
			if err != nil {
				t.Fatal(err)
			}
			r := datasets.RoundingFor(v.Name)
			want, err := v.Check(sol, r)
			if err != nil {
				t.Fatal(err)
			}
			in, err := v.VRPInput(r)
			if err != nil {
				t.Fatal(err)
			}
			crossCheck(t, v.Name, in, sol, want)
		}
	}
	for _, sub := range []string{".", "gh200", "gh400"} {
		dir := shared(t, "solomon", sub)
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, path := range files {
			s, err := datasets.ReadSolomonFile(path)
			if err != nil {
				t.Fatal(err)
			}
			sol, err := datasets.ReadSolutionFile(strings.TrimSuffix(path, ".txt") + ".sol")
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.Check(sol, geo.Trunc1)
			if err != nil {
				t.Fatal(err)
			}
			in, err := s.VRPInput()
			if err != nil {
				t.Fatal(err)
			}
			crossCheck(t, s.Name, in, sol, want)
		}
	}
}
