package datasets

import (
	"fmt"
	"math"
	"strconv"

	"fulfil/geo"
	"fulfil/solver"
	"fulfil/solver/vrp"
)

// DepotID is the id the benchmark conversions give the depot; stops are
// "1".."n", the customer numbers of CVRPLIB .sol files.
const DepotID = "depot"

// maxExplicit bounds the nodes of a converted benchmark: the explicit
// matrix holds n² float64s (20,000 nodes: 3.2 GB).
const maxExplicit = 20_000

// matrixRows views a flat n×n matrix as rows without copying.
func matrixRows(d []float64, n int) [][]float64 {
	rows := make([][]float64, n)
	for i := range rows {
		rows[i] = d[i*n : (i+1)*n : (i+1)*n]
	}
	return rows
}

// VRPInput converts v to a routing input in CVRPLIB's convention: one
// depot DepotID, stops "1".."n" (customer c is node c, so that routes read
// back as a .sol), demand and capacity in Load.Units, and the distance
// matrix of Distances(r) as the explicit profile "benchmark", with driving
// time equal to distance. A DISTANCE limit becomes the vehicles'
// MaxDurationS with SERVICE_TIME as every stop's ServiceS, which is how
// CMT and Golden count it. The fleet is VEHICLES when given and otherwise
// free (Count 0: as many as needed), as in CVRPLIB's objective.
func (v *VRPLIB) VRPInput(r geo.Rounding) (*vrp.Input, error) {
	n := v.Dimension
	if n > maxExplicit {
		return nil, fmt.Errorf("%s: %d nodes exceed the %d an explicit matrix may hold", v.Name, n, maxExplicit)
	}
	at := func(i int) geo.Point {
		if v.Coords == nil {
			return geo.Point{}
		}
		return v.Coords[i]
	}
	in := &vrp.Input{
		Depots: []vrp.Depot{{ID: DepotID, Location: at(0), MatrixIndex: new(0)}},
		Vehicles: []vrp.Vehicle{{
			ID:           "vehicle",
			Count:        v.Vehicles,
			StartDepot:   DepotID,
			Capacity:     vrp.Load{Units: v.Capacity},
			MaxDurationS: v.MaxDistance,
		}},
		Stops:    make([]vrp.Stop, 0, n-1),
		Profiles: []vrp.Profile{{ID: "benchmark", DistanceM: matrixRows(v.Distances(r), n)}},
	}
	for c := 1; c < n; c++ {
		in.Stops = append(in.Stops, vrp.Stop{
			ID:          strconv.Itoa(c),
			Location:    at(c),
			MatrixIndex: new(c),
			Demand:      vrp.Load{Units: v.Demands[c]},
			ServiceS:    v.ServiceTime,
		})
	}
	return in, nil
}

// VRPInput converts s to a routing input in the CVRPLIB/DIMACS convention:
// distances and travel times truncated to one decimal (the explicit
// profile "benchmark"), the depot DepotID open over its READY TIME..DUE
// DATE, stops "1".."n" with their time window and service time, demand and
// capacity in Load.Units, and a free fleet (Count 0), since CVRPLIB ranks
// Solomon solutions by distance alone. Set Vehicles[0].Count to s.Vehicles
// for the instance's own fleet.
func (s *Solomon) VRPInput() (*vrp.Input, error) {
	n := len(s.Customers)
	if n > maxExplicit {
		return nil, fmt.Errorf("%s: %d customers exceed the %d an explicit matrix may hold", s.Name, n, maxExplicit)
	}
	depot := s.Customers[0]
	in := &vrp.Input{
		Depots: []vrp.Depot{{
			ID:          DepotID,
			Location:    geo.Point{depot.X, depot.Y},
			MatrixIndex: new(0),
			Window:      &vrp.TimeWindow{StartS: depot.Ready, EndS: depot.Due},
		}},
		Vehicles: []vrp.Vehicle{{
			ID:         "vehicle",
			StartDepot: DepotID,
			Capacity:   vrp.Load{Units: s.Capacity},
		}},
		Stops:    make([]vrp.Stop, 0, n-1),
		Profiles: []vrp.Profile{{ID: "benchmark", DistanceM: matrixRows(s.Distances(geo.Trunc1), n)}},
	}
	for c := 1; c < n; c++ {
		cu := s.Customers[c]
		in.Stops = append(in.Stops, vrp.Stop{
			ID:          strconv.Itoa(c),
			Location:    geo.Point{cu.X, cu.Y},
			MatrixIndex: new(c),
			Demand:      vrp.Load{Units: cu.Demand},
			ServiceS:    cu.Service,
			TimeWindows: []vrp.TimeWindow{{StartS: cu.Ready, EndS: cu.Due}},
		})
	}
	return in, nil
}

// SolutionFromOutput turns a plan for an input built by VRPInput into a
// CVRPLIB solution: routes with visits, in output order, as customer
// numbers, and Cost the total distance. It fails on a stop id that is not
// a positive customer number.
func SolutionFromOutput(out *vrp.Output) (*Solution, error) {
	sol := &Solution{Cost: out.DistanceM}
	for r, rt := range out.Routes {
		if len(rt.Visits) == 0 {
			continue
		}
		route := make([]int, len(rt.Visits))
		for k, vis := range rt.Visits {
			c, err := strconv.Atoi(vis.Stop)
			if err != nil || c < 1 {
				return nil, fmt.Errorf("routes[%d].visits[%d].stop: expected a customer number, got %q", r, k, vis.Stop)
			}
			route[k] = c
		}
		sol.Routes = append(sol.Routes, route)
	}
	return sol, nil
}

// Refrigerated is the vrp skill of refrigerated trucks, required by pickup
// points that receive chilled or frozen goods.
const Refrigerated = "refrigerated"

// Delivery is what one warehouse sends one pickup point: the lines of its
// orders, or the share of them an allocation gave that warehouse. An empty
// Warehouse lets any truck carry it.
type Delivery struct {
	PickupPoint string      `json:"pickup_point"`
	Warehouse   string      `json:"warehouse,omitempty"`
	Lines       []OrderLine `json:"lines"`
}

// indexes maps SKU and pickup-point ids to their positions in s.
func (s *Scenario) indexes() (skus, points map[string]int) {
	skus = make(map[string]int, len(s.SKUs))
	for k, sk := range s.SKUs {
		skus[sk.ID] = k
	}
	points = make(map[string]int, len(s.PickupPoints))
	for p, pp := range s.PickupPoints {
		points[pp.ID] = p
	}
	return skus, points
}

// Deliveries sums the orders of each pickup point into one delivery that
// any warehouse may load, in pickup-point order; pickup points without
// orders have none. Orders naming an unknown pickup point or SKU, or with a
// quantity below 1, are reported with their field paths.
func (s *Scenario) Deliveries() ([]Delivery, error) {
	var bad solver.Violations
	skus, points := s.indexes()
	units := make([]int64, len(s.PickupPoints)*len(s.SKUs)) // [p*skus+k]
	for i, o := range s.Orders {
		p, ok := points[o.PickupPoint]
		if !ok {
			bad.Add(fmt.Sprintf("orders[%d].pickup_point", i), "unknown pickup point %q", o.PickupPoint)
			continue
		}
		for j, l := range o.Lines {
			k, ok := skus[l.SKU]
			switch {
			case !ok:
				bad.Add(fmt.Sprintf("orders[%d].lines[%d].sku", i, j), "unknown sku %q", l.SKU)
			case l.Quantity <= 0:
				bad.Add(fmt.Sprintf("orders[%d].lines[%d].quantity", i, j), "must be > 0, got %d", l.Quantity)
			default:
				units[p*len(s.SKUs)+k] += l.Quantity
			}
		}
	}
	if err := bad.Err(); err != nil {
		return nil, err
	}
	var ds []Delivery
	for p, pp := range s.PickupPoints {
		var lines []OrderLine
		for k, sk := range s.SKUs {
			if u := units[p*len(s.SKUs)+k]; u > 0 {
				lines = append(lines, OrderLine{SKU: sk.ID, Quantity: u})
			}
		}
		if len(lines) > 0 {
			ds = append(ds, Delivery{PickupPoint: pp.ID, Lines: lines})
		}
	}
	return ds, nil
}

// VRPInput turns the scenario into the delivery routing problem with
// every pickup point's orders in one delivery that any truck may carry:
// DeliveryInput of Deliveries.
func (s *Scenario) VRPInput() (*vrp.Input, error) {
	ds, err := s.Deliveries()
	if err != nil {
		return nil, err
	}
	return s.DeliveryInput(ds)
}

// WarehouseSkill is the vrp skill of the trucks based at warehouse id, which
// a delivery loaded there requires.
func WarehouseSkill(id string) string { return "warehouse:" + id }

// DeliveryInput turns deliveries into the routing problem: the warehouses
// are depots, each truck a vehicle (Count 1) at its warehouse with its
// weight and volume capacity, shift and, when refrigerated, the
// Refrigerated skill; Stops[i] is deliveries[i], whose demand is the weight
// and volume of its lines, whose service time is its pickup point's fixed
// ServiceS plus UnloadSPerKg per kg (rounded up to a second), which may be
// served from the pickup point's OpenS until the deadline less that service
// time, and which needs Refrigerated when any line is chilled or frozen.
// A delivery from a given warehouse needs WarehouseSkill of it, which only
// that warehouse's trucks have. Its stop id is the pickup point's id, or
// "id@warehouse" when several deliveries go to that pickup point. Travel is
// haversine × RoadFactor at SpeedKmh.
func (s *Scenario) DeliveryInput(deliveries []Delivery) (*vrp.Input, error) {
	var bad solver.Violations
	skus, points := s.indexes()
	warehouses := make(map[string]bool, len(s.Warehouses))
	for _, w := range s.Warehouses {
		warehouses[w.ID] = true
	}
	visits := make(map[string]int, len(deliveries))
	for _, d := range deliveries {
		visits[d.PickupPoint]++
	}
	in := &vrp.Input{
		Travel: vrp.Travel{Metric: "haversine", RoadFactor: s.RoadFactor, SpeedKmh: s.SpeedKmh},
	}
	for _, w := range s.Warehouses {
		in.Depots = append(in.Depots, vrp.Depot{ID: w.ID, Location: w.Location})
	}
	for _, t := range s.Trucks {
		v := vrp.Vehicle{
			ID:         t.ID,
			Count:      1,
			StartDepot: t.Warehouse,
			Capacity:   vrp.Load{WeightKg: t.CapacityKg, VolumeM3: t.CapacityM3},
			Shift:      &vrp.TimeWindow{StartS: float64(t.ShiftStartS), EndS: float64(t.ShiftEndS)},
			Skills:     []string{WarehouseSkill(t.Warehouse)},
		}
		if t.Refrigerated {
			v.Skills = append(v.Skills, Refrigerated)
		}
		in.Vehicles = append(in.Vehicles, v)
	}
	for i, d := range deliveries {
		f := fmt.Sprintf("deliveries[%d]", i)
		p, ok := points[d.PickupPoint]
		if !ok {
			bad.Add(f+".pickup_point", "unknown pickup point %q", d.PickupPoint)
			continue
		}
		if d.Warehouse != "" && !warehouses[d.Warehouse] {
			bad.Add(f+".warehouse", "unknown warehouse %q", d.Warehouse)
			continue
		}
		var load vrp.Load
		cold := false
		for j, l := range d.Lines {
			k, ok := skus[l.SKU]
			switch {
			case !ok:
				bad.Add(fmt.Sprintf("%s.lines[%d].sku", f, j), "unknown sku %q", l.SKU)
				continue
			case l.Quantity <= 0:
				bad.Add(fmt.Sprintf("%s.lines[%d].quantity", f, j), "must be > 0, got %d", l.Quantity)
				continue
			}
			sk := s.SKUs[k]
			load.WeightKg += float64(l.Quantity) * sk.WeightKg
			load.VolumeM3 += float64(l.Quantity) * sk.VolumeM3
			cold = cold || sk.Temperature != Ambient
		}
		// Sums of many products carry float noise; a micro-unit is far
		// below any truck's resolution.
		load.WeightKg = math.Round(load.WeightKg*1e6) / 1e6
		load.VolumeM3 = math.Round(load.VolumeM3*1e6) / 1e6
		pp := s.PickupPoints[p]
		service := math.Ceil(float64(pp.ServiceS) + s.UnloadSPerKg*load.WeightKg)
		due := float64(s.DeadlineS) - service
		if due < float64(pp.OpenS) {
			bad.Add(f, "%s: unloading %g s does not fit between open_s %d and deadline_s %d", pp.ID, service, pp.OpenS, s.DeadlineS)
			continue
		}
		st := vrp.Stop{
			ID:          pp.ID,
			Location:    pp.Location,
			Demand:      load,
			ServiceS:    service,
			TimeWindows: []vrp.TimeWindow{{StartS: float64(pp.OpenS), EndS: due}},
		}
		if visits[d.PickupPoint] > 1 {
			st.ID = pp.ID + "@" + d.Warehouse
		}
		if d.Warehouse != "" {
			st.Skills = append(st.Skills, WarehouseSkill(d.Warehouse))
		}
		if cold {
			st.Skills = append(st.Skills, Refrigerated)
		}
		in.Stops = append(in.Stops, st)
	}
	if err := bad.Err(); err != nil {
		return nil, err
	}
	return in, nil
}

// ReadVRPInputFile reads a CVRPLIB or Solomon instance file, detected from
// its content, and converts it to a routing input in its set's distance
// convention (RoundingFor).
func ReadVRPInputFile(path string) (*vrp.Input, error) {
	f, err := DetectFile(path)
	if err != nil {
		return nil, err
	}
	switch f {
	case FormatVRPLIB:
		v, err := ReadVRPLIBFile(path)
		if err != nil {
			return nil, err
		}
		return v.VRPInput(RoundingFor(v.Name))
	case FormatSolomon:
		s, err := ReadSolomonFile(path)
		if err != nil {
			return nil, err
		}
		return s.VRPInput()
	}
	return nil, fmt.Errorf("%s: not a routing instance (detected %s)", path, f)
}
