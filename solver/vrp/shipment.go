package vrp

import (
	"fmt"

	"fulfil/solver"
)

// shipment.go holds shipments (pickup and delivery pairs, Stop.DeliverTo):
// their validation, their compilation into the model and the load a route
// carries along the way. A pickup loads its Demand, which rides on the
// vehicle until its delivery; a stop that is no shipment's is delivered
// from the start depot, so the vehicle leaves with all of those loaded.
// The load after each visit is then (plain demand still to deliver) +
// (shipments on board), and capacity must hold after every visit.
//
// Inputs with shipments are searched by ruinrecreate.go, whose moves
// remove and insert whole pairs (pickup before delivery on one route), so
// the HGS, its Split, crossover and repair, which move single stops, never
// see a pair; inputs without shipments pay nothing for them.

// validateShipments checks Stop.DeliverTo and what shipments do not
// combine with, adding violations to v.
func validateShipments(v *solver.Violations, in *Input) {
	index := map[string]int{}
	for i, st := range in.Stops {
		if _, ok := index[st.ID]; !ok {
			index[st.ID] = i
		}
	}
	pickupOf := map[int]int{}
	any := false
	for i, st := range in.Stops {
		if st.DeliverTo == "" {
			continue
		}
		any = true
		f := fmt.Sprintf("stops[%d].deliver_to", i)
		d, ok := index[st.DeliverTo]
		switch {
		case !ok:
			v.Add(f, "unknown stop %q", st.DeliverTo)
			continue
		case d == i:
			v.Add(f, "a stop cannot deliver to itself (%q)", st.DeliverTo)
			continue
		case in.Stops[d].DeliverTo != "":
			v.Add(f, "stop %q is itself a pickup: a delivery cannot pick up", st.DeliverTo)
			continue
		}
		if p, ok := pickupOf[d]; ok {
			v.Add(f, "stop %q is already the delivery of stops[%d]", st.DeliverTo, p)
			continue
		}
		pickupOf[d] = i
		if in.Stops[d].Demand != st.Demand {
			v.Add(fmt.Sprintf("stops[%d].demand", d), "must equal the demand of its pickup stops[%d] (%+v), got %+v", i, st.Demand, in.Stops[d].Demand)
		}
		if (st.Penalty > 0) != (in.Stops[d].Penalty > 0) {
			v.Add(fmt.Sprintf("stops[%d].penalty", d), "a shipment is optional on both stops or neither: its pickup stops[%d] has penalty %g, got %g", i, st.Penalty, in.Stops[d].Penalty)
		}
	}
	if !any {
		return
	}
	// What the pair search does not handle yet: said, not ignored.
	const why = "not supported in an input with shipments (deliver_to)"
	if len(in.InitialRoutes) > 0 {
		v.Add("initial_routes", "%s", why)
	}
	for t, vh := range in.Vehicles {
		f := fmt.Sprintf("vehicles[%d]", t)
		if vh.MaxDurationS > 0 {
			v.Add(f+".max_duration_s", "%s", why)
		}
		if len(vh.FixedSequence) > 0 {
			v.Add(f+".fixed_sequence", "%s", why)
		}
		if len(vh.OnBoard) > 0 {
			v.Add(f+".on_board", "%s", why)
		}
	}
	for i, st := range in.Stops {
		if len(st.TimeWindows) > 1 {
			v.Add(fmt.Sprintf("stops[%d].time_windows", i), "at most one window per stop is %s", why)
		}
		if st.RemainingServiceS != nil {
			v.Add(fmt.Sprintf("stops[%d].remaining_service_s", i), "%s", why)
		}
	}
}

// compilePairs lowers shipments onto the model: pair[i] is the partner of
// node i (-1 for a plain stop), pickup[i] whether i loads, and delta the
// change of load at i in each dimension (+amount at a pickup, -amount at
// its delivery), while demand, the plain delivery from the depot, is 0 on
// both (the stops dimension still counts them).
func (m *model) compilePairs(in *Input) {
	node := map[string]int32{}
	for s, st := range in.Stops {
		node[st.ID] = int32(m.nd + s)
	}
	for s, st := range in.Stops {
		if st.DeliverTo == "" {
			continue
		}
		if m.pair == nil {
			m.pair = make([]int32, m.n)
			for i := range m.pair {
				m.pair[i] = -1
			}
			m.pickup = make([]bool, m.n)
			m.delta = make([]int64, m.n*m.dims)
		}
		p, d := int32(m.nd+s), node[st.DeliverTo]
		m.pair[p], m.pair[d], m.pickup[p] = d, p, true
		for k, kind := range m.dimKind {
			if kind == dimStops {
				continue
			}
			q := m.demand[int(p)*m.dims+k]
			m.delta[int(p)*m.dims+k], m.delta[int(d)*m.dims+k] = q, -q
			m.demand[int(p)*m.dims+k], m.demand[int(d)*m.dims+k] = 0, 0
		}
	}
}

// peakLoad is the largest load nodes put on a vehicle in each dimension:
// leaving the depot with the plain demand of the first trip, then after
// each visit; a reload (trips.go) loads the plain demand of the next trip.
func (m *model) peakLoad(nodes []int32) [maxDims]int64 {
	var cur, peak [maxDims]int64
	loadTrip := func(from int) {
		for _, i := range nodes[from:] {
			if m.isReload(i) {
				break
			}
			for k := range m.dims {
				cur[k] += m.demand[int(i)*m.dims+k]
			}
		}
	}
	loadTrip(0)
	if !m.trips {
		peak = cur // the stop count, for MaxStops, is over the whole route
	}
	for k := range m.dims {
		if m.dimKind[k] != dimStops {
			peak[k] = cur[k]
		}
	}
	for x, i := range nodes {
		if m.isReload(i) {
			loadTrip(x + 1)
		}
		for k := range m.dims {
			if m.dimKind[k] == dimStops {
				continue
			}
			cur[k] -= m.demand[int(i)*m.dims+k]
			if m.delta != nil {
				cur[k] += m.delta[int(i)*m.dims+k]
			}
			peak[k] = max(peak[k], cur[k])
		}
	}
	if m.trips {
		for k := range m.dims {
			if m.dimKind[k] == dimStops {
				for _, i := range nodes {
					if !m.isReload(i) {
						peak[k]++
					}
				}
			}
		}
	}
	return peak
}

// pairsOK reports whether nodes keep every shipment together on the route
// with its pickup first, and its peak load within t's capacity.
func (m *model) pairsOK(nodes []int32, t *vtype) bool {
	seen := map[int32]bool{}
	for _, i := range nodes {
		if p := m.pair[i]; p >= 0 && !m.pickup[i] && !seen[p] {
			return false
		}
		seen[i] = true
	}
	for _, i := range nodes {
		if p := m.pair[i]; p >= 0 && m.pickup[i] && !seen[p] {
			return false
		}
	}
	peak := m.peakLoad(nodes)
	for k := range m.dims {
		if peak[k] > t.cap[k] {
			return false
		}
	}
	return true
}

// checkPairs decides which shipments fit some vehicle type alone (the
// route depot, pickup, delivery, end) and marks both stops; a mandatory
// shipment that fits none is an input error naming its pickup.
func (m *model) checkPairs(in *Input) error {
	if m.pair == nil {
		return nil
	}
	var v solver.Violations
	c := modelClock{m}
	for s, st := range in.Stops {
		p := int32(m.nd + s)
		if !m.pickup[p] {
			continue
		}
		d := m.pair[p]
		why := ""
		fits := false
		for ti := range m.types {
			t := &m.types[ti]
			nodes := []int32{p, d}
			r := ""
			switch {
			case !m.pairsOK(nodes, t):
				r = "its demand exceeds the capacity"
			case (m.skill[p]|m.skill[d])&^t.skills != 0:
				r = "requires skills the vehicle lacks"
			default:
				run := drive(c, t, t.start, t.twOpen, nodes, false, nil)
				home(c, t, &run)
				switch {
				case run.late > 0:
					r = "its pickup and delivery cannot both be reached within their time windows"
				case run.now > t.twClose:
					r = "cannot be picked up, delivered and returned from within the vehicle's shift"
				case run.dist > t.maxDist:
					r = "the trip exceeds max_distance_m"
				}
			}
			if r == "" {
				fits = true
				break
			}
			if why == "" || r < why {
				why = r
			}
		}
		m.fits[p], m.fits[d] = fits, fits
		if fits {
			m.why[p], m.why[d] = "", ""
			continue
		}
		m.why[p], m.why[d] = "shipment fits no vehicle: "+why, "shipment fits no vehicle: "+why
		if st.Penalty == 0 {
			v.Add(fmt.Sprintf("stops[%d]", s), "shipment from %q to %q fits no vehicle: %s", st.ID, st.DeliverTo, why)
		}
	}
	if err := v.Err(); err != nil {
		return fmt.Errorf("%w: %w", ErrInfeasible, err)
	}
	return nil
}
