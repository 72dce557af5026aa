package datasets

import (
	"fmt"
	"strconv"

	"fulfil/geo"
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

// ReadVRPInputFile reads a CVRPLIB, Solomon or Li & Lim instance file, detected from
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
	case FormatLiLim:
		l, err := ReadLiLimFile(path)
		if err != nil {
			return nil, err
		}
		return l.VRPInput()
	}
	return nil, fmt.Errorf("%s: not a routing instance (detected %s)", path, f)
}

// VRPInput converts l to a routing input with the benchmark's rules: one
// depot DepotID open over row 0's earliest..latest (routes return by its
// latest), stops "1".."n" (the task numbers of SINTEF solutions) with
// their window on the start of service (service may run past its end) and
// service time, each pickup delivering to its delivery (Stop.DeliverTo)
// the amount in Load.Units, the fleet of K vehicles of capacity Q, and
// Euclidean distance in double precision as both distance and travel
// time.
func (l *LiLim) VRPInput() (*vrp.Input, error) {
	if len(l.Tasks) > maxExplicit {
		return nil, fmt.Errorf("%s: %d tasks exceed the %d supported", l.Name, len(l.Tasks), maxExplicit)
	}
	d := l.Tasks[0]
	in := &vrp.Input{
		Depots: []vrp.Depot{{ID: DepotID, Location: geo.Point{d.X, d.Y}, Window: &vrp.TimeWindow{StartS: d.Earliest, EndS: d.Latest}}},
		Vehicles: []vrp.Vehicle{{
			ID: "vehicle", Count: l.Vehicles, StartDepot: DepotID, Capacity: vrp.Load{Units: l.Capacity},
		}},
		Stops:  make([]vrp.Stop, 0, len(l.Tasks)-1),
		Travel: vrp.Travel{Metric: "euclidean"},
	}
	for c := 1; c < len(l.Tasks); c++ {
		t := l.Tasks[c]
		st := vrp.Stop{
			ID:          strconv.Itoa(c),
			Location:    geo.Point{t.X, t.Y},
			Demand:      vrp.Load{Units: max(t.Demand, -t.Demand)},
			ServiceS:    t.Service,
			TimeWindows: []vrp.TimeWindow{{StartS: t.Earliest, EndS: t.Latest}},
		}
		if t.Demand > 0 {
			st.DeliverTo = strconv.Itoa(t.Delivery)
		}
		in.Stops = append(in.Stops, st)
	}
	return in, nil
}

// SINTEFFromOutput turns a plan on an input made by LiLim.VRPInput into a
// SINTEF solution of instance name.
func SINTEFFromOutput(name string, out *vrp.Output) (*SINTEFSolution, error) {
	sol, err := SolutionFromOutput(out)
	if err != nil {
		return nil, err
	}
	return &SINTEFSolution{Instance: name, Authors: "fulfil", Date: "", Reference: "fulfil vrp (ruin and recreate)", Routes: sol.Routes}, nil
}
