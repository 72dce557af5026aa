package reroute

import (
	"slices"

	"fulfil/geo"
	"fulfil/solver/vrp"
)

// road is one vehicle's state, from the request or the plan.
type road struct {
	t       int    // index in Input.Vehicles
	atDepot bool   // standing at depot, empty, able to load
	depot   string // that depot's id
	pos     geo.Point
	next    string   // stop it drives to (or waits at); "" none
	remain  *float64 // service left at next, when it has begun
	rest    []string // unserved stops of its route after next, plan order
	served  []string
}

// roads gives every vehicle of rq its state at rq.State.NowS: as reported,
// or else as the plan has it.
func roads(rq *Request, depotAt map[string]geo.Point) []road {
	now := rq.State.NowS
	reported := map[string]*VehicleState{}
	for i := range rq.State.Vehicles {
		reported[rq.State.Vehicles[i].Vehicle] = &rq.State.Vehicles[i]
	}
	routeOf := map[string]*vrp.Route{}
	for i := range rq.Plan.Routes {
		routeOf[rq.Plan.Routes[i].Vehicle] = &rq.Plan.Routes[i]
	}
	out := make([]road, len(rq.Input.Vehicles))
	for t, vh := range rq.Input.Vehicles {
		rd := road{t: t, atDepot: true, depot: vh.StartDepot}
		rt := routeOf[vh.ID]
		var stops []string
		if rt != nil {
			for _, vis := range rt.Visits {
				stops = append(stops, vis.Stop)
			}
		}
		end := vh.EndDepot
		if end == "" {
			end = vh.StartDepot
		}
		if vs := reported[vh.ID]; vs != nil {
			rd.served = vs.Served
			rd.atDepot = vs.AtDepot
			if vs.AtDepot && len(vs.Served) > 0 {
				rd.depot = end
			}
			if vs.Location != nil {
				rd.pos = *vs.Location
			}
			rd.next, rd.remain = vs.Next, vs.RemainingServiceS
			for _, s := range stops {
				if s != rd.next && !slices.Contains(rd.served, s) {
					rd.rest = append(rd.rest, s)
				}
			}
		} else if rt != nil {
			rd = fromPlan(rd, rt, now, depotAt, rq.Input.Stops, vh.OpenEnd, end)
		}
		if rd.atDepot {
			rd.pos = depotAt[rd.depot]
		}
		out[t] = rd
	}
	return out
}

// fromPlan places a vehicle on its planned route at now.
func fromPlan(rd road, rt *vrp.Route, now float64, depotAt map[string]geo.Point, stops []vrp.Stop, openEnd bool, end string) road {
	if now < rt.StartS || len(rt.Visits) == 0 {
		for _, v := range rt.Visits {
			rd.rest = append(rd.rest, v.Stop)
		}
		return rd
	}
	loc := map[string]geo.Point{}
	for _, s := range stops {
		loc[s.ID] = s.Location
	}
	rd.atDepot = false
	from, leave := depotAt[rt.StartDepot], rt.StartS
	k := 0
	for ; k < len(rt.Visits) && rt.Visits[k].DepartureS <= now; k++ {
		rd.served = append(rd.served, rt.Visits[k].Stop)
		from, leave = loc[rt.Visits[k].Stop], rt.Visits[k].DepartureS
	}
	if k == len(rt.Visits) {
		if now >= rt.EndS && !openEnd {
			rd.atDepot, rd.depot = true, end
			return rd
		}
		rd.pos = from
		if !openEnd {
			rd.pos = between(from, depotAt[end], leave, rt.EndS, now)
		}
		return rd
	}
	v := rt.Visits[k]
	rd.next = v.Stop
	switch {
	case now >= v.StartS:
		rd.pos = loc[v.Stop]
		r := v.DepartureS - now
		rd.remain = &r
	case now >= v.ArrivalS:
		rd.pos = loc[v.Stop]
	default:
		rd.pos = between(from, loc[v.Stop], leave, v.ArrivalS, now)
	}
	for _, w := range rt.Visits[k+1:] {
		rd.rest = append(rd.rest, w.Stop)
	}
	return rd
}

// between is the point on the straight line from a (left at ta) to b
// (reached at tb) at time t.
func between(a, b geo.Point, ta, tb, t float64) geo.Point {
	if tb <= ta {
		return b
	}
	f := min(max((t-ta)/(tb-ta), 0), 1)
	return geo.Point{a[0] + f*(b[0]-a[0]), a[1] + f*(b[1]-a[1])}
}
