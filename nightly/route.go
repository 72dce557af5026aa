package nightly

import (
	"context"
	"fmt"
	"math"

	"fulfil/solver"
	"fulfil/solver/vrp"
)

// vrp skills: refrigerated trucks with booked refrigeration, and the trucks
// of one warehouse.
const skillCold = "refrigerated"

func warehouseSkill(id string) string { return "warehouse:" + id }

// A delivery left without a truck costs stopPenalty plus stopPenaltyPerKg
// per kg in the routing objective (metres): far above any route.
const (
	stopPenalty      = 1e7
	stopPenaltyPerKg = 1e4
)

// RoutingStage routes the deliveries on the trucks: weight and volume
// capacity, each pickup point served between its opening and the deadline,
// cold deliveries on trucks with booked refrigeration, every delivery on a
// truck of its warehouse. vrp plans one trip per truck: when the fleet is
// short the deliveries left over are listed, not carried.
type RoutingStage struct {
	Input  *vrp.Input  `json:"input"`
	Output *vrp.Output `json:"output"`
	Check  *vrp.Report `json:"check"`
	// Trips are the routes with their stops, in the output's route order.
	Trips []Trip `json:"trips"`
	// Unrouted are the deliveries (indices into Allocation.Deliveries) no
	// truck carries.
	Unrouted []int `json:"unrouted"`
	// ColdShort is, per warehouse, the cold deliveries' weight beyond the
	// booked refrigerated capacity (empty when it suffices).
	ColdShort []ColdShort `json:"cold_short,omitempty"`
}

// ColdShort says a warehouse's cold deliveries outweigh or outsize its
// trucks with booked refrigeration.
type ColdShort struct {
	Warehouse string  `json:"warehouse"`
	NeedKg    float64 `json:"need_kg"`
	BookedKg  float64 `json:"booked_kg"`
	NeedM3    float64 `json:"need_m3"`
	BookedM3  float64 `json:"booked_m3"`
	Unbooked  int     `json:"unbooked_refrigerated_trucks"`
}

// Trip is one truck's trip from its warehouse.
type Trip struct {
	Truck     string  `json:"truck"`
	Trip      int     `json:"trip"` // from 1
	Warehouse string  `json:"warehouse"`
	DepartS   float64 `json:"depart_s"`
	ReturnS   float64 `json:"return_s"`
	DistanceM float64 `json:"distance_m"`
	WeightKg  float64 `json:"weight_kg"`
	VolumeM3  float64 `json:"volume_m3"`
	// DelayS is how much later the truck leaves because its picking wave
	// finishes after the planned departure (0: on time); DelayedReturnS is
	// when it is back then.
	DelayS         float64    `json:"delay_s"`
	DelayedReturnS float64    `json:"delayed_return_s"`
	Stops          []TripStop `json:"stops"`
}

// TripStop is one delivery of a trip, in driving order.
type TripStop struct {
	Seq         int    `json:"seq"` // from 1
	Delivery    int    `json:"delivery"`
	PickupPoint string `json:"pickup_point"`
	// ArrivalS is the planned arrival; unloading waits for the opening.
	ArrivalS float64 `json:"arrival_s"`
	// EtaS is the planned start of unloading, FinishS its end; with the
	// truck's delay, DelayedEtaS and DelayedFinishS.
	EtaS           float64 `json:"eta_s"`
	FinishS        float64 `json:"finish_s"`
	DelayedEtaS    float64 `json:"delayed_eta_s"`
	DelayedFinishS float64 `json:"delayed_finish_s"`
	// LateS is how long after the deadline unloading ends, with the delay.
	LateS float64 `json:"late_s"`
}

// route builds the routing problem from the deliveries, solves it, checks
// it and lays out the trips.
func (p *Plan) route(ctx context.Context, in *Input, ix *index, opt Options) error {
	ds := p.Allocation.Deliveries
	r := &vrp.Input{Travel: vrp.Travel{Metric: "haversine", RoadFactor: in.Travel.RoadFactor, SpeedKmh: in.Travel.SpeedKmh}}
	for _, w := range in.Warehouses {
		r.Depots = append(r.Depots, vrp.Depot{ID: w.ID, Location: w.Location})
	}
	type capacity struct {
		kg, m3   float64
		unbooked int
	}
	cold := make([]capacity, len(in.Warehouses))
	for _, t := range in.Trucks {
		v := vrp.Vehicle{
			ID: t.ID, Count: 1, StartDepot: t.Warehouse,
			Capacity: vrp.Load{WeightKg: t.CapacityKg, VolumeM3: t.CapacityM3},
			Shift:    &vrp.TimeWindow{StartS: float64(t.ShiftStartS), EndS: float64(t.ShiftEndS)},
			Skills:   []string{warehouseSkill(t.Warehouse)},
		}
		c := &cold[ix.warehouse[t.Warehouse]]
		switch {
		case t.RefrigerationBooked:
			v.Skills = append(v.Skills, skillCold)
			c.kg += t.CapacityKg
			c.m3 += t.CapacityM3
		case t.Refrigerated:
			c.unbooked++
		}
		r.Vehicles = append(r.Vehicles, v)
	}
	need := make([]capacity, len(in.Warehouses))
	for _, d := range ds {
		pp := in.PickupPoints[ix.point[d.PickupPoint]]
		load := vrp.Load{WeightKg: math.Round(d.WeightKg*1e6) / 1e6, VolumeM3: math.Round(d.VolumeM3*1e6) / 1e6}
		service := math.Ceil(float64(pp.ServiceS) + in.Travel.UnloadSPerKg*load.WeightKg)
		due := math.Max(float64(in.DeadlineS)-service, float64(pp.OpenS))
		st := vrp.Stop{
			ID: fmt.Sprintf("%s@%s", d.PickupPoint, d.Warehouse), Location: pp.Location, Demand: load, ServiceS: service,
			TimeWindows: []vrp.TimeWindow{{StartS: float64(pp.OpenS), EndS: due}},
			Skills:      []string{warehouseSkill(d.Warehouse)},
			// Optional, at a price no detour approaches, heavier first: a
			// short fleet leaves deliveries over, named, rather than no plan.
			Penalty: stopPenalty + stopPenaltyPerKg*load.WeightKg,
		}
		if d.Cold {
			st.Skills = append(st.Skills, skillCold)
			n := &need[ix.warehouse[d.Warehouse]]
			n.kg += load.WeightKg
			n.m3 += load.VolumeM3
		}
		r.Stops = append(r.Stops, st)
	}
	st := &p.Routing
	st.Input = r
	for w, wh := range in.Warehouses {
		if need[w].kg > cold[w].kg+1e-9 || need[w].m3 > cold[w].m3+1e-9 {
			st.ColdShort = append(st.ColdShort, ColdShort{Warehouse: wh.ID, NeedKg: need[w].kg, BookedKg: cold[w].kg,
				NeedM3: need[w].m3, BookedM3: cold[w].m3, Unbooked: cold[w].unbooked})
		}
	}
	if len(r.Stops) == 0 {
		st.Output = &vrp.Output{Feasible: true}
		st.Check = &vrp.Report{Report: solver.Report{Feasible: true}}
		return nil
	}
	var err error
	if st.Output, err = vrp.Solve(ctx, r, opt.Routing); err != nil {
		return fmt.Errorf("routing: %w", err)
	}
	if st.Check, err = vrp.Check(r, st.Output); err != nil {
		return fmt.Errorf("checking the routes: %w", err)
	}
	if !st.Check.Feasible {
		return fmt.Errorf("checking the routes: %s", st.Check.Violations[0])
	}
	byStop := make(map[string]int, len(r.Stops))
	for i, s := range r.Stops {
		byStop[s.ID] = i
	}
	routed := make([]bool, len(ds))
	for _, rt := range st.Output.Routes {
		if len(rt.Visits) == 0 {
			continue
		}
		t := Trip{Truck: rt.Vehicle, Trip: 1, Warehouse: rt.StartDepot, DepartS: rt.StartS, ReturnS: rt.EndS,
			DistanceM: rt.DistanceM, WeightKg: rt.Load.WeightKg, VolumeM3: rt.Load.VolumeM3}
		for n, v := range rt.Visits {
			i := byStop[v.Stop]
			routed[i] = true
			t.Stops = append(t.Stops, TripStop{Seq: n + 1, Delivery: i, PickupPoint: ds[i].PickupPoint,
				ArrivalS: v.ArrivalS, EtaS: v.StartS, FinishS: v.DepartureS})
		}
		st.Trips = append(st.Trips, t)
	}
	for i := range ds {
		if !routed[i] {
			st.Unrouted = append(st.Unrouted, i)
		}
	}
	return nil
}

// delay shifts each trip by its wave's lateness and recomputes its stops:
// travel times are the planned ones, waiting for a pickup point to open
// absorbs what it can, and a stop finishing after the deadline is late.
func (r *RoutingStage) delay(waves []WarehouseWaves, in *Input) {
	late := map[string]float64{}
	for _, ww := range waves {
		for _, s := range ww.Schedule {
			late[s.Truck] = s.LateS
		}
	}
	for ti := range r.Trips {
		t := &r.Trips[ti]
		t.DelayS = late[t.Truck]
		prevPlan, prevNew := t.DepartS, t.DepartS+t.DelayS
		for si := range t.Stops {
			s := &t.Stops[si]
			stop := r.Input.Stops[s.Delivery]
			travel := s.ArrivalS - prevPlan
			at := math.Max(prevNew+travel, stop.TimeWindows[0].StartS)
			s.DelayedEtaS, s.DelayedFinishS = at, at+stop.ServiceS
			s.LateS = math.Max(0, s.DelayedFinishS-float64(in.DeadlineS))
			prevPlan, prevNew = s.FinishS, s.DelayedFinishS
		}
		t.DelayedReturnS = t.ReturnS + (prevNew - prevPlan)
	}
}
