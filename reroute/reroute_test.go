package reroute

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"fulfil/geo"
	"fulfil/solver/vrp"
)

// smallDay is a depot with three trucks and 24 stops around a city, and
// the plan for it.
func smallDay(t *testing.T) (*vrp.Input, *vrp.Output) {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 1))
	in := &vrp.Input{
		Depots: []vrp.Depot{{ID: "W1", Location: geo.Point{121.40, 31.20}}},
		Travel: vrp.Travel{Metric: "haversine", SpeedKmh: 30, RoadFactor: 1.3},
	}
	for k := range 3 {
		in.Vehicles = append(in.Vehicles, vrp.Vehicle{ID: fmt.Sprintf("T%02d", k+1), Count: 1, StartDepot: "W1",
			Capacity: vrp.Load{WeightKg: 1000}, Shift: &vrp.TimeWindow{StartS: 6 * 3600, EndS: 14 * 3600}})
	}
	for i := range 24 {
		in.Stops = append(in.Stops, vrp.Stop{ID: fmt.Sprintf("P%03d", i), Location: geo.Point{121.40 + 0.12*(rng.Float64()-0.5), 31.20 + 0.1*(rng.Float64()-0.5)},
			Demand: vrp.Load{WeightKg: 100}, ServiceS: 600, TimeWindows: []vrp.TimeWindow{{StartS: 7 * 3600, EndS: 11 * 3600}},
			Penalty: 1e6})
	}
	o := vrp.DefaultOptions()
	o.Seed, o.Threads, o.Iterations = 1, 1, 2000
	out, err := vrp.Solve(context.Background(), in, o)
	if err != nil {
		t.Fatal(err)
	}
	if !out.Feasible || len(out.Routes) != 3 {
		t.Fatalf("the plan: feasible %v, %d routes; want a feasible plan on 3 trucks", out.Feasible, len(out.Routes))
	}
	return in, out
}

// checked re-routes rq and fails unless the answer passes vrp.Check.
func checked(t *testing.T, rq *Request) *Answer {
	t.Helper()
	rq.Options.TimeLimitS = 0.5
	ans, err := Reroute(context.Background(), rq)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := vrp.Check(ans.Input, ans.Plan)
	if err != nil || !rep.Feasible {
		t.Fatalf("check: %v %+v", err, rep)
	}
	return ans
}

func TestRerouteKeepsLockedPrefix(t *testing.T) {
	in, plan := smallDay(t)
	r := plan.Routes[0]
	now := r.Visits[2].ArrivalS - 60 // driving to its third stop
	rq := &Request{Input: *in, Plan: *plan, State: State{NowS: now},
		Events: Events{Traffic: []Traffic{{Center: &geo.Point{121.40, 31.20}, RadiusM: 8000, StartS: now, EndS: now + 3*3600, Factor: 2}}}}
	ans := checked(t, rq)
	for _, nr := range ans.Plan.Routes {
		if nr.Vehicle != r.Vehicle {
			continue
		}
		if nr.Visits[0].Stop != r.Visits[2].Stop {
			t.Errorf("%s: got first stop %s, want %s (it is driving there)", r.Vehicle, nr.Visits[0].Stop, r.Visits[2].Stop)
		}
		for _, v := range nr.Visits {
			if v.Stop == r.Visits[0].Stop || v.Stop == r.Visits[1].Stop {
				t.Errorf("%s: served stop %s planned again", r.Vehicle, v.Stop)
			}
		}
	}
	// A notice for each arrival moved by at least the threshold, or late.
	noticed := map[string]bool{}
	for _, n := range ans.Notices {
		noticed[n.Stop] = true
	}
	moved := 0
	for _, e := range ans.ETAs {
		want := e.LateS > 0 || (e.PrevETAS != nil && math.Abs(e.ChangeS) >= DefaultThresholdS)
		if want {
			moved++
		}
		if noticed[e.Stop] != want {
			t.Errorf("%s: change %g s, late %g s: notice %v, want %v", e.Stop, e.ChangeS, e.LateS, noticed[e.Stop], want)
		}
	}
	if moved == 0 {
		t.Error("a jam of factor 2 over the city moved no arrival by 10 minutes")
	}
	// Goods on board stay on their truck.
	owner := map[string]string{}
	for _, pr := range plan.Routes {
		for _, v := range pr.Visits {
			owner[v.Stop] = pr.Vehicle
		}
	}
	for _, nr := range ans.Plan.Routes {
		for _, v := range nr.Visits {
			if o := owner[v.Stop]; o != nr.Vehicle && o != "" && now >= routeStart(plan, o) {
				t.Errorf("stop %s on board of %s moved to %s", v.Stop, o, nr.Vehicle)
			}
		}
	}
}

func routeStart(out *vrp.Output, vehicle string) float64 {
	for _, r := range out.Routes {
		if r.Vehicle == vehicle {
			return r.StartS
		}
	}
	return 0
}

func TestRerouteBreakdownGoods(t *testing.T) {
	in, plan := smallDay(t)
	broken := plan.Routes[1]
	now := (broken.Visits[1].DepartureS + broken.Visits[2].ArrivalS) / 2 // driving to its third stop
	for _, tc := range []struct {
		name     string
		noResend bool
	}{{"transfer or resend", false}, {"transfer only", true}} {
		t.Run(tc.name, func(t *testing.T) {
			rq := &Request{Input: *in, Plan: *plan, State: State{NowS: now},
				Events:  Events{Breakdowns: []string{broken.Vehicle}, Cancelled: []string{plan.Routes[0].Visits[len(plan.Routes[0].Visits)-1].Stop}},
				Options: Options{NoResend: tc.noResend}}
			ans := checked(t, rq)
			if len(ans.Breakdowns) != 1 {
				t.Fatalf("got %d rescues, want 1", len(ans.Breakdowns))
			}
			var want []string
			for _, v := range broken.Visits[2:] {
				want = append(want, v.Stop)
			}
			served := map[string]string{}
			for _, r := range ans.Plan.Routes {
				if r.Vehicle == broken.Vehicle {
					t.Errorf("the broken truck %s still has a route", broken.Vehicle)
				}
				for _, v := range r.Visits {
					served[v.Stop] = r.Vehicle
				}
			}
			var got []string
			for _, s := range ans.Breakdowns[0].Stops {
				got = append(got, s.Stop)
				switch {
				case s.How == HowUnserved && served[s.Stop] != "":
					t.Errorf("%s: listed unserved but served by %s", s.Stop, served[s.Stop])
				case s.How != HowUnserved && served[s.Stop] != s.Vehicle:
					t.Errorf("%s: listed %s by %s, served by %q", s.Stop, s.How, s.Vehicle, served[s.Stop])
				case tc.noResend && s.How == HowResend:
					t.Errorf("%s: re-sent with no_resend", s.Stop)
				}
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("broken truck's goods: got %v, want %v", got, want)
			}
		})
	}
}

func TestRerouteRejects(t *testing.T) {
	in, plan := smallDay(t)
	for _, tc := range []struct {
		name, field string
		edit        func(*Request)
	}{
		{"unknown breakdown", "events.breakdowns[0]", func(r *Request) { r.Events.Breakdowns = []string{"T99"} }},
		{"unknown cancel", "events.cancelled[0]", func(r *Request) { r.Events.Cancelled = []string{"nope"} }},
		{"served twice", "plan.routes[1].visits[0].stop", func(r *Request) {
			r.Plan.Routes = slices.Clone(r.Plan.Routes)
			r.Plan.Routes[1].Visits = append([]vrp.Visit{r.Plan.Routes[0].Visits[0]}, r.Plan.Routes[1].Visits...)
		}},
		{"factor", "events.traffic[0].factor", func(r *Request) {
			r.Events.Traffic = []Traffic{{Cells: []string{"8831aa5105fffff"}, StartS: 1, EndS: 2, Factor: 0}}
		}},
		{"served elsewhere", "state.vehicles[0].served[0]", func(r *Request) {
			r.State.Vehicles = []VehicleState{{Vehicle: plan.Routes[0].Vehicle, Location: &geo.Point{121.4, 31.2}, Served: []string{plan.Routes[1].Visits[0].Stop}}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rq := &Request{Input: *in, Plan: *plan}
			tc.edit(rq)
			_, err := Reroute(context.Background(), rq)
			if err == nil || !strings.Contains(err.Error(), tc.field) {
				t.Errorf("got %v, want an error naming %s", err, tc.field)
			}
		})
	}
}
