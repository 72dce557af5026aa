package vrp

import (
	"math"

	"fulfil/geo"
)

// schedule.go is the forward simulation of one route: the vehicle leaves
// its start at a given time and drives, waits for windows and serves stop
// after stop, with the input's own travel figures (float64 metres and
// seconds, not the model's rounded units), so that the Output's distances,
// times and costs are exact and agree with Check. The search prices routes
// with the segments of route.go instead; the model rounds durations and
// service times up and window closings down, so a route the search finds
// feasible stays feasible here.

// arc is the input's travel from model node i to node j (m.n, the open
// end, is at zero distance from everything) on type t's profile.
func (m *model) arc(in *Input, t *vtype, i, j int32) (dist, dur float64) {
	if i == int32(m.n) || j == int32(m.n) {
		return 0, 0
	}
	loc := func(x int32) (geo.Point, *int) {
		if int(x) < len(in.Depots) {
			d := &in.Depots[x]
			return d.Location, d.MatrixIndex
		}
		if int(x) < m.nd { // a vehicle's own start (road.go)
			for t, d := range m.ownStart {
				if d == x {
					vh := &in.Vehicles[t]
					var p geo.Point
					if vh.StartLocation != nil {
						p = *vh.StartLocation
					}
					return p, vh.StartIndex
				}
			}
		}
		s := &in.Stops[int(x)-m.nd]
		return s.Location, s.MatrixIndex
	}
	a, ai := loc(i)
	b, bi := loc(j)
	if len(in.Profiles) > 0 {
		pr := &in.Profiles[t.prof]
		dist = pr.DistanceM[*ai][*bi]
		if len(pr.DurationS) > 0 {
			return dist, pr.DurationS[*ai][*bi]
		}
		return dist, dist
	}
	if in.Travel.Metric == "euclidean" {
		dx, dy := a[0]-b[0], a[1]-b[1] // not Hypot: see geo.Euclidean
		dist = rounding(in.Travel.Rounding).Round(math.Sqrt(dx*dx + dy*dy))
		if in.Travel.SpeedKmh > 0 {
			return dist, dist * 3.6 / in.Travel.SpeedKmh
		}
		return dist, dist
	}
	rf := in.Travel.RoadFactor
	if rf == 0 {
		rf = 1
	}
	dist = geo.HaversineM(a, b) * rf
	return dist, dist * 3.6 / in.Travel.SpeedKmh
}

// noise is the float64 rounding that sums of times near c may carry: a
// schedule later than a limit by no more than this keeps the limit (the
// model, which rounds conservatively, already proved it).
func noise(c float64) float64 { return 1e-7 + 1e-12*math.Abs(c) }

// simulate drives nodes on a vehicle of type t leaving node from at
// rt.StartS (its start, or the real start of a folded fixed sequence,
// whose first stop may be in service) and fills rt's visits, end, distance, duration and waiting. It
// returns the lateness: service starts after a stop's last window, the
// arrival after the shift or depot closes, and the duration beyond
// max_duration_s.
func (m *model) simulate(in *Input, vh *Vehicle, t *vtype, from int32, nodes []int32, rt Route) (Route, float64) {
	now, at := rt.StartS, from
	var dist, wait, late float64
	rt.Visits = make([]Visit, 0, len(nodes))
	for k, i := range nodes {
		dd, dt := m.arc(in, t, at, i)
		dist += dd
		arr := now + dt
		st := &in.Stops[int(i)-m.nd]
		start, serv := arr, st.ServiceS
		if k == 0 && len(t.prefix) > 0 && st.RemainingServiceS != nil {
			serv = *st.RemainingServiceS // in service: its windows were met
		} else if tws := st.TimeWindows; len(tws) > 0 {
			if last := tws[len(tws)-1].EndS; arr > last+noise(last) {
				late += arr - last
			} else {
				for _, w := range tws {
					if arr <= w.EndS {
						start = max(arr, w.StartS)
						break
					}
				}
			}
		}
		wait += start - arr
		now = start + serv
		rt.Visits = append(rt.Visits, Visit{Stop: st.ID, ArrivalS: arr, StartS: start, DepartureS: now, WaitS: start - arr})
		rt.Load.WeightKg += st.Demand.WeightKg
		rt.Load.VolumeM3 += st.Demand.VolumeM3
		rt.Load.Units += st.Demand.Units
		at = i
	}
	dd, dt := m.arc(in, t, at, m.endNode(t))
	dist += dd
	now += dt
	if c := float64(t.twClose) / scale; t.twClose < big && now > c+noise(c) {
		late += now - c
	}
	if d := vh.MaxDurationS; d > 0 && now-rt.StartS > d+noise(now) {
		late += now - rt.StartS - d
	}
	rt.EndS, rt.DistanceM, rt.DurationS, rt.WaitS = now, dist, now-rt.StartS, wait
	return rt, late
}
