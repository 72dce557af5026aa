package vrp_test

import (
	"slices"
	"strings"
	"testing"

	"fulfil/solver/vrp"
)

// routesOf turns a plan's routes into initial routes, leaving out drop.
func routesOf(out *vrp.Output, drop map[string]bool) []vrp.InitialRoute {
	var rs []vrp.InitialRoute
	for _, r := range out.Routes {
		ir := vrp.InitialRoute{Vehicle: r.Vehicle, Index: r.Index}
		for _, v := range r.Visits {
			if !drop[v.Stop] {
				ir.Stops = append(ir.Stops, v.Stop)
			}
		}
		rs = append(rs, ir)
	}
	return rs
}

// TestInitialRoutes re-solves A-n32-k5 from a plan: with a budget of one
// offspring the answer is never worse than the plan it started from, where
// a cold solve with one offspring is far worse; after two stops cancel, a
// re-route from the old plan less those stops serves every stop left and
// the new one.
func TestInitialRoutes(t *testing.T) {
	in := readCVRPLIB(t, "../../datasets/samples/A-n32-k5.vrp")
	o := vrp.DefaultOptions()
	o.Threads, o.Iterations = 1, 300
	base, _ := solveChecked(t, in, o)

	warm := *in
	warm.InitialRoutes = routesOf(base, nil)
	o.Iterations = 1
	again, _ := solveChecked(t, &warm, o)
	if !again.Feasible || again.Cost > base.Cost+1e-9 {
		t.Errorf("one offspring from a plan of cost %g gave %g (feasible %v)", base.Cost, again.Cost, again.Feasible)
	}
	cold, _ := solveChecked(t, in, o)
	if cold.Feasible && cold.Cost <= base.Cost {
		t.Errorf("a cold solve with one offspring reached %g, the warm start's %g: the test shows nothing", cold.Cost, base.Cost)
	}

	// The day changes: two stops cancel, and one (stop 9) comes in new,
	// so that it is on no initial route.
	drop := map[string]bool{in.Stops[3].ID: true, in.Stops[17].ID: true}
	day := *in
	day.Stops = slices.DeleteFunc(slices.Clone(in.Stops), func(s vrp.Stop) bool { return drop[s.ID] })
	drop[in.Stops[9].ID] = true
	day.InitialRoutes = routesOf(base, drop)
	o.Iterations = 50
	re, _ := solveChecked(t, &day, o)
	if !re.Feasible || len(re.Unassigned) != 0 {
		t.Fatalf("re-route: feasible %v, unassigned %v", re.Feasible, re.Unassigned)
	}
	served := 0
	for _, r := range re.Routes {
		served += len(r.Visits)
	}
	if served != len(day.Stops) {
		t.Errorf("re-route serves %d of %d stops", served, len(day.Stops))
	}
}

// TestInitialRoutesErrors names the field of each bad initial route.
func TestInitialRoutesErrors(t *testing.T) {
	in := readCVRPLIB(t, "../../datasets/samples/P-n16-k8.vrp")
	veh := in.Vehicles[0].ID
	s0, s1 := in.Stops[0].ID, in.Stops[1].ID
	for _, c := range []struct {
		name   string
		routes []vrp.InitialRoute
		field  string
	}{
		{"unknown vehicle", []vrp.InitialRoute{{Vehicle: "nope", Stops: []string{s0}}}, "initial_routes[0].vehicle"},
		{"unknown stop", []vrp.InitialRoute{{Vehicle: veh, Stops: []string{s0, "ghost"}}}, "initial_routes[0].stops[1]"},
		{"stop twice", []vrp.InitialRoute{{Vehicle: veh, Stops: []string{s0}}, {Vehicle: veh, Index: 1, Stops: []string{s1, s0}}}, "initial_routes[1].stops[1]"},
		{"negative index", []vrp.InitialRoute{{Vehicle: veh, Index: -1, Stops: []string{s0}}}, "initial_routes[0].index"},
	} {
		t.Run(c.name, func(t *testing.T) {
			bad := *in
			bad.InitialRoutes = c.routes
			o := vrp.DefaultOptions()
			o.Iterations = 10
			_, err := vrp.Solve(t.Context(), &bad, o)
			if err == nil || !strings.Contains(err.Error(), c.field) {
				t.Errorf("got %v, want an error naming %s", err, c.field)
			}
		})
	}
}
