package vrp_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/uber/h3-go/v4"

	"fulfil/geo"
	"fulfil/solver/vrp"
)

// slowZone is one van (10 m/s, open end) from a depot in Shanghai to A,
// 1 km north, and B, 2 km north, due by 250 s. Free-flowing, the shortest
// plan is D→A→B (2 km, B at about 200 s). With A's H3 cell (resolution 9)
// three times slower over the first 1000 s, going to A first reaches B at
// about 400 s: the best plan becomes D→B→A (3 km).
func slowZone(traffic bool) *vrp.Input {
	d := geo.Point{121.47, 31.23}
	a := geo.Point{121.47, 31.23 + 0.009}
	b := geo.Point{121.47, 31.23 + 0.018}
	in := &vrp.Input{
		Depots:   []vrp.Depot{{ID: "D", Location: d}},
		Vehicles: []vrp.Vehicle{{ID: "van", Count: 1, StartDepot: "D", OpenEnd: true}},
		Stops: []vrp.Stop{
			{ID: "A", Location: a},
			{ID: "B", Location: b, TimeWindows: []vrp.TimeWindow{{StartS: 0, EndS: 250}}},
		},
		Travel: vrp.Travel{SpeedKmh: 36},
	}
	if traffic {
		cell, err := h3.LatLngToCell(h3.NewLatLng(a[1], a[0]), 9)
		if err != nil {
			panic(err)
		}
		in.Traffic = []vrp.TrafficZone{{Cells: []string{cell.String()}, Periods: []geo.FactorPeriod{{StartS: 0, EndS: 1000, Factor: 3}}}}
	}
	return in
}

// A slow zone changes the best route; both answers equal the brute-force
// optimum under Check's own time-dependent simulation, and the arrival
// times in the answer are the exact time-dependent ones.
func TestTrafficSlowZoneChangesRoute(t *testing.T) {
	for _, c := range []struct {
		traffic bool
		want    string
	}{{false, "A B"}, {true, "B A"}} {
		in := slowZone(c.traffic)
		want := bruteByCheck(t, in)
		o := vrp.DefaultOptions()
		o.Threads = 1
		out, rep := solveChecked(t, in, o)
		if !out.Feasible || len(out.Routes) != 1 {
			t.Fatalf("traffic %v: got feasible %v, %d routes", c.traffic, out.Feasible, len(out.Routes))
		}
		var got []string
		for _, v := range out.Routes[0].Visits {
			got = append(got, v.Stop)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("traffic %v: got route %v, want %s", c.traffic, got, c.want)
		}
		if math.Abs(rep.Cost-want) > 0.01 {
			t.Errorf("traffic %v: got cost %.4f, want brute-force optimum %.4f", c.traffic, rep.Cost, want)
		}
		if c.traffic {
			// B at free flow, then A: 1000 m free at factor 3 = 300 s.
			b, a := out.Routes[0].Visits[0], out.Routes[0].Visits[1]
			leg := geo.HaversineM(in.Stops[1].Location, in.Stops[0].Location) / 10
			if math.Abs(a.ArrivalS-(b.DepartureS+3*leg)) > 1e-6 {
				t.Errorf("arrival at A: got %.6f, want %.6f (three times the free %.3f s)", a.ArrivalS, b.DepartureS+3*leg, leg)
			}
		}
	}
}

// A trip that runs out of a slow period covers the rest at free flow
// (FIFO), in the answer and in Check alike; a plan with wrong times is
// caught by Check.
func TestTrafficAcrossPeriods(t *testing.T) {
	in := slowZone(false)
	in.Stops = in.Stops[:1] // A only, no window
	in.Traffic = []vrp.TrafficZone{{Periods: []geo.FactorPeriod{{StartS: 0, EndS: 50, Factor: 2}}}}
	o := vrp.DefaultOptions()
	o.Threads = 1
	out, _ := solveChecked(t, in, o)
	free := geo.HaversineM(in.Depots[0].Location, in.Stops[0].Location) / 10
	// 50 s at factor 2 cover 25 s of free flow; the rest runs free.
	if want := 50 + (free - 25); math.Abs(out.Routes[0].Visits[0].ArrivalS-want) > 1e-6 {
		t.Errorf("got arrival %.6f, want %.6f", out.Routes[0].Visits[0].ArrivalS, want)
	}
	in.Stops[0].TimeWindows = []vrp.TimeWindow{{StartS: 0, EndS: free + 10}} // free flow would make it
	rep, err := vrp.Check(in, &vrp.Output{Routes: []vrp.Route{{Vehicle: "van", StartDepot: "D", Visits: []vrp.Visit{{Stop: "A"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Feasible {
		t.Error("Check accepted a stop the slow period makes late")
	}
}

// Bad traffic is an InputError naming the field.
func TestTrafficBadInput(t *testing.T) {
	for _, c := range []struct {
		name  string
		edit  func(in *vrp.Input)
		field string
	}{
		{"cell", func(in *vrp.Input) { in.Traffic[0].Cells = []string{"zz"} }, "traffic[0].cells[0]"},
		{"factor", func(in *vrp.Input) { in.Traffic[0].Periods[0].Factor = 0 }, "traffic[0].periods[0].factor"},
		{"period", func(in *vrp.Input) { in.Traffic[0].Periods[0].EndS = -1 }, "traffic[0].periods[0]"},
		{"no periods", func(in *vrp.Input) { in.Traffic[0].Periods = nil }, "traffic[0].periods"},
		{"planar", func(in *vrp.Input) { in.Travel = vrp.Travel{Metric: "euclidean"} }, "traffic[0].cells"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := slowZone(true)
			c.edit(in)
			expectField(t, in, c.field)
		})
	}
}

// Random small days with a slow district and a slower whole-map rush
// hour: the exact answer (or, with reloads and a break, the ruin and
// recreate one, also with a shipment) equals the optimum of every plan Check accepts (Check
// simulating the traffic on its own), and the genetic search on the same
// day padded past the exact size never beats it.
func TestTrafficBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 3))
	for k := range 8 {
		in := &vrp.Input{
			Depots: []vrp.Depot{{ID: "D", Location: geo.Point{121.47, 31.23}, Window: &vrp.TimeWindow{StartS: 0, EndS: 3000}}},
			Vehicles: []vrp.Vehicle{
				{ID: "a", Count: 1, StartDepot: "D", Capacity: vrp.Load{Units: 10}},
				{ID: "b", Count: 1, StartDepot: "D", Capacity: vrp.Load{Units: 10}},
			},
			Travel: vrp.Travel{SpeedKmh: 30},
		}
		var cells []string
		for s := range 5 {
			p := geo.Point{121.47 + (rng.Float64()-0.5)*0.04, 31.23 + (rng.Float64()-0.5)*0.04}
			st := vrp.Stop{ID: fmt.Sprint("s", s), Location: p, Demand: vrp.Load{Units: 1 + rng.Int64N(5)}, ServiceS: 60}
			if rng.IntN(2) == 0 {
				a := rng.Float64() * 1200
				st.TimeWindows = []vrp.TimeWindow{{StartS: a, EndS: a + 400}}
			}
			if s < 2 {
				c, _ := h3.LatLngToCell(h3.NewLatLng(p[1], p[0]), 8)
				cells = append(cells, c.String())
			}
			in.Stops = append(in.Stops, st)
		}
		in.Traffic = []vrp.TrafficZone{
			{Cells: cells, Periods: []geo.FactorPeriod{{StartS: 0, EndS: 900, Factor: 2.5}}},
			{Periods: []geo.FactorPeriod{{StartS: 300, EndS: 600, Factor: 1.5}}},
		}
		if k >= 4 { // reloads and a break too: searched by ruin and recreate
			in.Vehicles[0].MaxTrips, in.Vehicles[0].Capacity.Units = 2, 8
			in.Vehicles[1].Breaks = []vrp.Break{{ID: "rest", Window: vrp.TimeWindow{StartS: 300, EndS: 900}, DurationS: 120}}
		}
		if k >= 6 { // and a shipment from s3 to s4
			in.Stops[3].DeliverTo = "s4"
			in.Stops[4].Demand = in.Stops[3].Demand
			in.Stops[3].Penalty, in.Stops[4].Penalty = 0, 0
		}
		t.Run(fmt.Sprint(k), func(t *testing.T) {
			want := bruteByCheck(t, in)
			o := vrp.DefaultOptions()
			o.Threads = 1
			if math.IsInf(want, 1) {
				out, err := vrp.Solve(context.Background(), in, o)
				if err == nil && out.Feasible {
					t.Fatalf("got a feasible plan of cost %g, brute force finds none", out.Cost)
				}
				return
			}
			out, rep := solveChecked(t, in, o)
			if !out.Feasible {
				t.Fatalf("infeasible (%v), brute force finds cost %g", out.Unassigned, want)
			}
			if math.Abs(rep.Cost-want) > 0.01 {
				t.Errorf("exact: got cost %.4f, want brute-force optimum %.4f", rep.Cost, want)
			}
			big := *in
			big.Stops = append([]vrp.Stop(nil), in.Stops...)
			for p := len(in.Stops); p < 9; p++ {
				big.Stops = append(big.Stops, vrp.Stop{ID: fmt.Sprint("pad", p), Location: geo.Point{122.5, 32}, Penalty: 1,
					TimeWindows: []vrp.TimeWindow{{StartS: 0, EndS: 1}}})
			}
			o.Iterations, o.UseFullLimit = 1000, true
			_, hrep := solveChecked(t, &big, o)
			if pad := float64(9 - len(in.Stops)); hrep.Feasible && hrep.Cost-pad < want-0.01 {
				t.Errorf("hgs: got cost %.4f, below the brute-force optimum %.4f", hrep.Cost-pad, want)
			}
		})
	}
}
