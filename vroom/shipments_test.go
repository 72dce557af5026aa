package vroom_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"fulfil/vroom"
)

// checkShipments asserts what holds of every optimised route with
// shipments: each pickup precedes its delivery on the same route, loads
// never exceed capacity, and no step reports a violation.
func checkShipments(t *testing.T, in *vroom.Input, out *vroom.Output) {
	t.Helper()
	capa := map[uint64][]int64{}
	for _, vh := range in.Vehicles {
		capa[vh.ID] = vh.Capacity
	}
	for _, r := range out.Routes {
		at := map[string]int{} // "pickup 4" → step index
		for s, st := range r.Steps {
			if st.ID != nil {
				at[st.Type+" "+itoa(*st.ID)] = s
			}
			for k, x := range st.Load {
				if x < 0 || x > capa[r.Vehicle][k] {
					t.Errorf("vehicle %d step %d: load %v outside [0, capacity %v]", r.Vehicle, s, st.Load, capa[r.Vehicle])
				}
			}
			if len(st.Violations) > 0 {
				t.Errorf("vehicle %d step %d: violations %v", r.Vehicle, s, st.Violations)
			}
		}
		for _, sh := range in.Shipments {
			p, okP := at["pickup "+itoa(sh.Pickup.ID)]
			d, okD := at["delivery "+itoa(sh.Delivery.ID)]
			if okP != okD || okP && p >= d {
				t.Errorf("vehicle %d: shipment %d→%d at steps %d (%v) and %d (%v): want the pickup before the delivery on one route",
					r.Vehicle, sh.Pickup.ID, sh.Delivery.ID, p, okP, d, okD)
			}
		}
	}
}

func itoa(x uint64) string {
	b, _ := json.Marshal(x)
	return string(b)
}

// Example 1 whole: four jobs, one shipment and a break, with skills, on
// coordinates. VROOM's
// documented answer (OSRM travel) serves everything at cost 18711:
// vehicle 1 takes jobs 1, 2, 5 and vehicle 2 job 6 then the shipment
// 4 → 3. Our travel is great-circle × 1.3 at 50 km/h, so costs differ;
// what must hold is that everything is served, vehicle 2 (the only one
// with skill 2) carries the shipment with the load rising and falling as
// VROOM reports it, takes its 300 s break within its window, and our cost is no more than that of VROOM's
// documented routes evaluated in our travel model (plan mode).
func TestExample1(t *testing.T) {
	in := readExample(t, "example_1")
	opt := fast
	opt.SpeedKmh = 80
	solve := func(t *testing.T, in *vroom.Input) *vroom.Output {
		t.Helper()
		out, err := vroom.Solve(context.Background(), in, opt)
		if err != nil {
			t.Fatal(err)
		}
		checkAnswer(t, in, out)
		return out
	}
	out := solve(t, in)
	checkShipments(t, in, out)
	if len(out.Unassigned) != 0 || out.Summary.Delivery[0] != 4 || out.Summary.Pickup[0] != 2 || out.Summary.Service != 2100 {
		t.Fatalf("unassigned %v, summary delivery %v pickup %v service %d; want none, [4], [2], 2100 (the break's 300 s included) as documented",
			out.Unassigned, out.Summary.Delivery, out.Summary.Pickup, out.Summary.Service)
	}
	var loads []int64
	breaks := 0
	for _, r := range out.Routes {
		for _, st := range r.Steps {
			if st.Type == "break" {
				breaks++
				if r.Vehicle != 2 || *st.ID != 2 || st.Service != 300 || st.Arrival+st.WaitingTime < 1600423200 || st.Arrival+st.WaitingTime > 1600425000 {
					t.Errorf("break step %+v on vehicle %d: want break 2 of vehicle 2, 300 s, starting in [1600423200, 1600425000]", st, r.Vehicle)
				}
			}
			if st.Type == "pickup" || st.Type == "delivery" {
				if r.Vehicle != 2 {
					t.Errorf("shipment on vehicle %d, want 2 (skill 2)", r.Vehicle)
				}
				loads = append(loads, st.Load[0])
			}
		}
	}

	// VROOM's documented routes evaluated by plan mode.
	doc := readExample(t, "example_1")
	steps := func(s string) []vroom.VehicleStep {
		var st []vroom.VehicleStep
		if err := json.Unmarshal([]byte(s), &st); err != nil {
			t.Fatal(err)
		}
		return st
	}
	doc.Vehicles[0].Steps = steps(`[{"type":"start"},{"type":"job","id":1},{"type":"job","id":2},{"type":"job","id":5},{"type":"end"}]`)
	doc.Vehicles[1].Steps = steps(`[{"type":"start"},{"type":"job","id":6},{"type":"pickup","id":4},{"type":"break","id":2},{"type":"delivery","id":3},{"type":"end"}]`)
	plan := solve(t, doc)
	var docLoads []int64
	for _, st := range plan.Routes[1].Steps {
		if st.Type == "pickup" || st.Type == "delivery" {
			docLoads = append(docLoads, st.Load[0])
		}
	}
	if len(plan.Summary.Violations) != 0 || len(docLoads) != 2 || docLoads[0] != 1 || docLoads[1] != 0 {
		t.Errorf("documented routes in plan mode: violations %v, shipment loads %v; want none and [1 0] as documented", plan.Summary.Violations, docLoads)
	}
	if breaks != 1 {
		t.Errorf("%d break steps, want 1", breaks)
	}
	if len(loads) != 2 || loads[0] != loads[1]+1 {
		t.Errorf("shipment loads %v: want the load to rise by 1 at the pickup and fall by 1 at the delivery", loads)
	}
	t.Logf("cost %d (documented routes in our travel model: %d; VROOM's documented cost on OSRM: 18711)", out.Summary.Cost, plan.Summary.Cost)
	if out.Summary.Cost > plan.Summary.Cost {
		t.Errorf("cost %d, more than the documented routes' %d in the same travel model", out.Summary.Cost, plan.Summary.Cost)
	}
}

// Plan mode names shipment steps: a delivery before its pickup is a
// precedence violation, loads follow the steps (going negative is not
// clamped away: the delivery comes first), and a shipment whose other
// end is on no steps is unassigned with both steps accounted.
func TestShipmentPlanPrecedence(t *testing.T) {
	in := decode(t, `{"vehicles":[
		{"id":1,"start_index":0,"end_index":0,"capacity":[5],"steps":[{"type":"start"},{"type":"delivery","id":7},{"type":"pickup","id":7},{"type":"pickup","id":8},{"type":"end"}]},
		{"id":2,"start_index":0,"end_index":0,"capacity":[5]}],
		"jobs":[],
		"shipments":[
			{"amount":[2],"pickup":{"id":7,"location_index":1},"delivery":{"id":7,"location_index":2}},
			{"amount":[1],"pickup":{"id":8,"location_index":2},"delivery":{"id":9,"location_index":3}}],
		"matrices":{"car":{"durations":[[0,10,20,30],[10,0,15,25],[20,15,0,12],[30,25,12,0]]}}}`)
	out := solve(t, in)
	var causes []string
	for _, v := range out.Routes[0].Violations {
		causes = append(causes, v.Cause)
	}
	if len(causes) != 1 || causes[0] != "precedence" {
		t.Errorf("route violations %v, want [precedence]", causes)
	}
	var prec []string
	for _, st := range out.Routes[0].Steps {
		for _, v := range st.Violations {
			if v.Cause == "precedence" {
				prec = append(prec, st.Type+" "+itoa(*st.ID))
			}
		}
	}
	if strings.Join(prec, ",") != "delivery 7,pickup 7,pickup 8" {
		t.Errorf("precedence at %v, want delivery 7, pickup 7 and pickup 8", prec)
	}
	if len(out.Unassigned) != 1 || out.Unassigned[0].Type != "delivery" || out.Unassigned[0].ID != 9 {
		t.Errorf("unassigned %+v, want delivery 9 (its pickup is on vehicle 1's steps)", out.Unassigned)
	}
}

// Unserved shipments list both steps as unassigned, as VROOM does.
func TestShipmentUnassigned(t *testing.T) {
	in := decode(t, `{"vehicles":[{"id":1,"start_index":0,"end_index":0,"capacity":[2]}],
		"jobs":[{"id":1,"location_index":1,"delivery":[1]}],
		"shipments":[{"amount":[3],"pickup":{"id":5,"location_index":2},"delivery":{"id":6,"location_index":3}}],
		"matrices":{"car":{"durations":[[0,10,20,30],[10,0,15,25],[20,15,0,12],[30,25,12,0]]}}}`)
	out := solve(t, in)
	checkShipments(t, in, out)
	got := []string{}
	for _, u := range out.Unassigned {
		got = append(got, u.Type+" "+itoa(u.ID))
	}
	if strings.Join(got, ",") != "pickup 5,delivery 6" || len(out.Routes) != 1 {
		t.Errorf("unassigned %v with %d routes, want pickup 5, delivery 6 and job 1 served", got, len(out.Routes))
	}
}

// Job pickups ride to the end together with shipments: the vrp model
// plans shipments with room for every job pickup, so the VROOM loads stay
// within capacity. Capacity 3, a job picking up 2, a shipment of 1: the
// shipment fits only beside the job's pickup room.
func TestShipmentsWithJobPickups(t *testing.T) {
	in := decode(t, `{"vehicles":[{"id":1,"start_index":0,"end_index":0,"capacity":[3]}],
		"jobs":[{"id":1,"location_index":1,"pickup":[2]}],
		"shipments":[{"amount":[1],"pickup":{"id":5,"location_index":2},"delivery":{"id":6,"location_index":3}},
			{"amount":[1],"pickup":{"id":7,"location_index":3},"delivery":{"id":8,"location_index":1}}],
		"matrices":{"car":{"durations":[[0,10,20,30],[10,0,15,25],[20,15,0,12],[30,25,12,0]]}}}`)
	out := solve(t, in)
	checkShipments(t, in, out)
	if len(out.Unassigned) != 0 {
		t.Errorf("unassigned %+v, want none: the two shipments can ride one after the other", out.Unassigned)
	}
}

// Bad shipments are code 2 naming the key.
func TestShipmentInputErrors(t *testing.T) {
	const mat = `"matrices":{"car":{"durations":[[0,1,1],[1,0,1],[1,1,0]]}}`
	for _, c := range []struct{ name, body, key string }{
		{"amount length", `{"vehicles":[{"id":1,"start_index":0,"capacity":[4,4]}],"jobs":[{"id":1,"location_index":1,"delivery":[1,1]}],"shipments":[{"amount":[1],"pickup":{"id":1,"location_index":1},"delivery":{"id":2,"location_index":2}}],` + mat + `}`, "shipments[0].amount"},
		{"duplicate pickup", `{"vehicles":[{"id":1,"start_index":0}],"jobs":[],"shipments":[{"pickup":{"id":1,"location_index":1},"delivery":{"id":2,"location_index":2}},{"pickup":{"id":1,"location_index":1},"delivery":{"id":3,"location_index":2}}],` + mat + `}`, "shipments[1].pickup.id"},
		{"missing location", `{"vehicles":[{"id":1,"start_index":0}],"jobs":[],"shipments":[{"pickup":{"id":1,"location_index":1},"delivery":{"id":2}}],` + mat + `}`, "shipments[0].delivery.location_index"},
		{"bad window", `{"vehicles":[{"id":1,"start_index":0}],"jobs":[],"shipments":[{"pickup":{"id":1,"location_index":1,"time_windows":[[5,1]]},"delivery":{"id":2,"location_index":2}}],` + mat + `}`, "shipments[0].pickup.time_windows[0]"},
		{"priority", `{"vehicles":[{"id":1,"start_index":0}],"jobs":[],"shipments":[{"priority":101,"pickup":{"id":1,"location_index":1},"delivery":{"id":2,"location_index":2}}],` + mat + `}`, "shipments[0].priority"},
		{"unknown step id", `{"vehicles":[{"id":1,"start_index":0,"steps":[{"type":"pickup","id":2}]}],"jobs":[],"shipments":[{"pickup":{"id":1,"location_index":1},"delivery":{"id":2,"location_index":2}}],` + mat + `}`, "vehicles[0].steps[0].id"},
		{"unknown key", `{"vehicles":[{"id":1,"start_index":0}],"jobs":[],"shipments":[{"pickup":{"id":1,"location_index":1,"amount":[1]},"delivery":{"id":2,"location_index":2}}],` + mat + `}`, "amount"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := vroom.SolveJSON(context.Background(), []byte(c.body), fast)
			e, ok := errors.AsType[*vroom.Error](err)
			if !ok || e.Code != vroom.CodeInput || !strings.Contains(e.Message, c.key) {
				t.Errorf("got %v, want code 2 naming %s", err, c.key)
			}
		})
	}
}
