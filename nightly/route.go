package nightly

import (
	"context"
	"fmt"
	"math"
	"slices"

	"fulfil/geo"
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
// truck of its warehouse. It plans one trip per truck first; when that
// leaves deliveries of a warehouse over, that warehouse is routed again
// on its own with up to Options.MaxTrips trips per truck (back at the
// warehouse, reload for Warehouse.ReloadS, go out again; a truck reloads
// only at its own warehouse), and those trips are used when they carry
// more. Deliveries still left over are listed, not carried.
type RoutingStage struct {
	Input  *vrp.Input  `json:"input"`
	Output *vrp.Output `json:"output"`
	Check  *vrp.Report `json:"check"`
	// Trips are the routes with their stops, in the output's route order.
	Trips []Trip `json:"trips"`
	// Unrouted are the deliveries (indices into Allocation.Deliveries) no
	// truck carries.
	Unrouted []int `json:"unrouted"`
	// MultiTrip holds, per warehouse the one-trip routing left deliveries
	// of, its routing again with several trips per truck (Options.MaxTrips):
	// its trucks and deliveries only, solved and checked on their own.
	// When it carries more, its trips replace that warehouse's.
	MultiTrip []MultiTrip `json:"multi_trip,omitempty"`
	// ColdShort is, per warehouse, the cold deliveries' weight beyond the
	// booked refrigerated capacity (empty when it suffices).
	ColdShort []ColdShort `json:"cold_short,omitempty"`
}

// MultiTrip is one warehouse's routing with several trips per truck.
type MultiTrip struct {
	Warehouse string      `json:"warehouse"`
	Input     *vrp.Input  `json:"input"`
	Output    *vrp.Output `json:"output"`
	Check     *vrp.Report `json:"check"`
	// Used says its trips replace the one-trip routes of the warehouse;
	// Why says why not when they do not.
	Used bool   `json:"used"`
	Why  string `json:"why,omitempty"`
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
	short := map[string][]int{} // warehouse → its deliveries left over
	for _, i := range unassigned(st.Output, byStop) {
		short[ds[i].Warehouse] = append(short[ds[i].Warehouse], i)
	}
	if opt.MaxTrips > 1 {
		for _, w := range in.Warehouses {
			if len(short[w.ID]) == 0 {
				continue
			}
			mt, err := multiTrip(ctx, r, w, short[w.ID], byStop, opt)
			if err != nil {
				return err
			}
			st.MultiTrip = append(st.MultiTrip, mt)
		}
	}
	used := map[string]*vrp.Output{}
	for _, mt := range st.MultiTrip {
		if !mt.Used {
			continue
		}
		used[mt.Warehouse] = mt.Output
	}
	routed := make([]bool, len(ds))
	lay := func(rt vrp.Route) {
		for _, t := range layTrips(rt, in, ix, ds, r, byStop) {
			for _, s := range t.Stops {
				routed[s.Delivery] = true
			}
			st.Trips = append(st.Trips, t)
		}
	}
	for _, rt := range st.Output.Routes {
		if used[rt.StartDepot] == nil {
			lay(rt)
		}
	}
	for _, mt := range st.MultiTrip {
		if mt.Used {
			for _, rt := range mt.Output.Routes {
				lay(rt)
			}
		}
	}
	for i := range ds {
		if !routed[i] {
			st.Unrouted = append(st.Unrouted, i)
		}
	}
	return nil
}

// unassigned lists the deliveries (indices of r.Stops) an output leaves
// without a vehicle.
func unassigned(out *vrp.Output, byStop map[string]int) []int {
	var is []int
	for _, u := range out.Unassigned {
		is = append(is, byStop[u.ID])
	}
	return is
}

// multiTrip routes warehouse w's trucks and deliveries alone with up to
// opt.MaxTrips trips per truck and checks the answer; it is used when it
// checks feasible and leaves fewer deliveries over, or as many but less
// weight. The warehouse is solved alone because each truck serves only its
// own warehouse anyway (and vrp's multi-trip search has been seen to break
// the warehouse skill on a mixed input, which its check then refuses).
func multiTrip(ctx context.Context, r *vrp.Input, w Warehouse, left []int, byStop map[string]int, opt Options) (MultiTrip, error) {
	mt := MultiTrip{Warehouse: w.ID, Input: &vrp.Input{Travel: r.Travel}}
	for _, d := range r.Depots {
		if d.ID == w.ID {
			d.ReloadS = float64(w.reloadS())
			mt.Input.Depots = append(mt.Input.Depots, d)
		}
	}
	for _, v := range r.Vehicles {
		if v.StartDepot == w.ID {
			v.MaxTrips = opt.MaxTrips
			mt.Input.Vehicles = append(mt.Input.Vehicles, v)
		}
	}
	skill := warehouseSkill(w.ID)
	for _, s := range r.Stops {
		if slices.Contains(s.Skills, skill) {
			mt.Input.Stops = append(mt.Input.Stops, s)
		}
	}
	var err error
	if mt.Output, err = vrp.Solve(ctx, mt.Input, opt.Routing); err != nil {
		return mt, fmt.Errorf("routing %s with several trips: %w", w.ID, err)
	}
	if mt.Check, err = vrp.Check(mt.Input, mt.Output); err != nil {
		return mt, fmt.Errorf("checking the routes of %s with several trips: %w", w.ID, err)
	}
	if !mt.Check.Feasible {
		mt.Why = fmt.Sprintf("its check failed: %s", mt.Check.Violations[0])
		return mt, nil
	}
	kg := func(is []int) float64 {
		sum := 0.0
		for _, i := range is {
			sum += r.Stops[i].Demand.WeightKg
		}
		return sum
	}
	now := unassigned(mt.Output, byStop)
	switch {
	case len(now) < len(left) || len(now) == len(left) && kg(now) < kg(left)-1e-9:
		mt.Used = true
	default:
		mt.Why = fmt.Sprintf("it leaves %d deliveries (%.0f kg) over, one trip per truck %d (%.0f kg)", len(now), kg(now), len(left), kg(left))
	}
	return mt, nil
}

// finding says what the routing with several trips found and whether the
// plan uses it.
func (mt MultiTrip) finding() string {
	o := mt.Output
	use := "used"
	if !mt.Used {
		use = "not used: " + mt.Why
	}
	return fmt.Sprintf("%d of %d deliveries routed; search %s, %d iterations in %.1f s (%s); %s",
		len(mt.Input.Stops)-len(o.Unassigned), len(mt.Input.Stops), o.Search.Method, o.Stats.Iterations, o.Stats.RuntimeS, o.Stats.Stop, use)
}

// layTrips cuts a route at its reloads into trips: each trip leaves when
// the one before it is reloaded and ends where the next one's reload
// starts; the route's distance is shared out in proportion to each trip's
// great-circle length.
func layTrips(rt vrp.Route, in *Input, ix *index, ds []Delivery, r *vrp.Input, byStop map[string]int) []Trip {
	trips := splitTrips(rt)
	out := make([]Trip, len(trips))
	wh := in.Warehouses[ix.warehouse[rt.StartDepot]].Location
	lens := make([]float64, len(trips))
	total := 0.0
	for k, visits := range trips {
		t := &out[k]
		*t = Trip{Truck: rt.Vehicle, Trip: k + 1, Warehouse: rt.StartDepot}
		prev := wh
		for n, v := range visits {
			i := byStop[v.Stop]
			t.WeightKg += r.Stops[i].Demand.WeightKg
			t.VolumeM3 += r.Stops[i].Demand.VolumeM3
			pp := in.PickupPoints[ix.point[ds[i].PickupPoint]]
			t.Stops = append(t.Stops, TripStop{Seq: n + 1, Delivery: i, PickupPoint: pp.ID,
				ArrivalS: v.ArrivalS, EtaS: v.StartS, FinishS: v.DepartureS})
			lens[k] += geo.HaversineM(prev, pp.Location)
			prev = pp.Location
		}
		lens[k] += geo.HaversineM(prev, wh)
		total += lens[k]
	}
	reloads := reloadVisits(rt)
	for k := range out {
		t := &out[k]
		t.DepartS, t.ReturnS = rt.StartS, rt.EndS
		if k > 0 {
			t.DepartS = reloads[k-1].DepartureS
		}
		if k < len(out)-1 {
			t.ReturnS = reloads[k].ArrivalS
		}
		t.DistanceM = rt.DistanceM
		if len(out) > 1 && total > 0 {
			t.DistanceM = rt.DistanceM * lens[k] / total
		}
	}
	return out
}

// splitTrips cuts a route's visits at its reloads into its trips' stops,
// leaving out empty trips.
func splitTrips(rt vrp.Route) [][]vrp.Visit {
	var trips [][]vrp.Visit
	var cur []vrp.Visit
	for _, v := range rt.Visits {
		switch {
		case v.Reload:
			if len(cur) > 0 {
				trips = append(trips, cur)
			}
			cur = nil
		case v.Break:
		default:
			cur = append(cur, v)
		}
	}
	if len(cur) > 0 {
		trips = append(trips, cur)
	}
	return trips
}

// reloadVisits are the reloads of a route that lie between two of its
// non-empty trips, in order: the k-th ends trip k+1 and starts trip k+2.
func reloadVisits(rt vrp.Route) []vrp.Visit {
	var out []vrp.Visit
	var pending *vrp.Visit
	served := false
	for _, v := range rt.Visits {
		switch {
		case v.Reload:
			if served {
				if pending == nil {
					v := v
					pending = &v
				} else {
					pending.DepartureS = v.DepartureS
				}
			}
		case v.Break:
		default:
			if pending != nil {
				out = append(out, *pending)
				pending = nil
			}
			served = true
		}
	}
	return out
}

// delay shifts each trip by its wave's lateness and recomputes its stops:
// travel times are the planned ones, waiting for a pickup point to open
// absorbs what it can, and a stop finishing after the deadline is late. A
// later trip of a truck also leaves no earlier than its delayed return
// from the trip before plus the warehouse's reload time.
func (r *RoutingStage) delay(waves []WarehouseWaves, in *Input) {
	type key struct {
		truck string
		trip  int
	}
	late := map[key]float64{}
	for _, ww := range waves {
		for _, s := range ww.Schedule {
			late[key{s.Truck, s.Trip}] = s.LateS
		}
	}
	reload := make(map[string]float64, len(in.Warehouses))
	for _, w := range in.Warehouses {
		reload[w.ID] = float64(w.reloadS())
	}
	for ti := range r.Trips {
		t := &r.Trips[ti]
		leave := t.DepartS + late[key{t.Truck, t.Trip}]
		if ti > 0 && t.Trip > 1 && r.Trips[ti-1].Truck == t.Truck {
			leave = math.Max(leave, r.Trips[ti-1].DelayedReturnS+reload[t.Warehouse])
		}
		t.DelayS = leave - t.DepartS
		prevPlan, prevNew := t.DepartS, leave
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
