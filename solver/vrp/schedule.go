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

// clock is how one system of units measures a route for drive: the model's
// int64 units (modelClock: repair, the fits test, folding a fixed
// sequence) or the input's own float64 metres and seconds (inputClock:
// the Output).
type clock[T int64 | float64] interface {
	// leg is the distance and driving time from node i to node j on t,
	// leaving at depart.
	leg(t *vtype, i, j int32, depart T) (dist, dur T)
	// visit is when service at stop i starts for an arrival at arr, how
	// long it lasts, and how far arr is past the stop's last window (0
	// when a window is open or opens later). inService: service began
	// before the route (Stop.RemainingServiceS): no window, the remaining
	// time.
	visit(i int32, arr T, inService bool) (start, serv, late T)
	// rest is t's break b (breaks.go): the window of its start and its
	// duration; ok is false past the last.
	rest(t *vtype, b int) (open, close, dur T, ok bool)
}

// run is the state of a route being driven: where and when the vehicle
// is, and what it has driven, waited and been late so far; rests are the
// breaks taken (breaks.go).
type run[T int64 | float64] struct {
	at                    int32
	now, dist, wait, late T
	rests                 []rest[T]
	visits                int
}

// rest is a break taken: its start, after how many of the route's visits.
type rest[T int64 | float64] struct {
	start T
	after int
}

// drive is the one forward simulation of a route (the search prices
// routes with the segments of route.go instead): the vehicle of type t
// leaves node from at depart and serves nodes in order, waiting for the
// next window when early; the first is in service when inService. seen,
// when not nil, is told each visit. The leg home is home's.
func drive[T int64 | float64, C clock[T]](c C, t *vtype, from int32, depart T, nodes []int32, inService bool, seen func(k int, arr, start, dep T)) run[T] {
	r := run[T]{at: from, now: depart}
	for k, i := range nodes {
		if len(t.rest) > 0 {
			takeRests(c, t, &r, i, k, inService && k == 0)
		}
		dd, dt := c.leg(t, r.at, i, r.now)
		arr := r.now + dt
		start, serv, late := c.visit(i, arr, inService && k == 0)
		r.dist += dd
		r.late += late
		r.wait += start - arr
		r.now = start + serv
		r.at = i
		r.visits = k + 1
		if seen != nil {
			seen(k, arr, start, r.now)
		}
	}
	return r
}

// home drives r's vehicle from where it is to the end of type t's route.
// Breaks still due are taken before, where the vehicle is.
func home[T int64 | float64, C clock[T]](c C, t *vtype, r *run[T]) {
	for {
		open, close, dur, ok := c.rest(t, len(r.rests))
		if !ok {
			break
		}
		takeRest(r, open, close, dur, r.visits)
	}
	dd, dt := c.leg(t, r.at, t.end, r.now) // t.end < 0: an open end, reached at once
	r.dist += dd
	r.now += dt
	r.at = t.end
}

// modelClock measures routes in the model's units.
type modelClock struct{ m *model }

func (c modelClock) leg(t *vtype, i, j int32, depart int64) (int64, int64) {
	if i < 0 || j < 0 {
		return 0, 0
	}
	k := int(i)*(c.m.n+1) + int(j)
	if td := c.m.td; td != nil {
		free := td.free[t.prof][k]
		p := td.arcProfile(i, j)
		if p == nil {
			return c.m.dist[t.prof][k], free
		}
		arr := upModel(p.Arrival(float64(depart)/scale, float64(free)/scale))
		return c.m.dist[t.prof][k], max(arr-depart, 0)
	}
	return c.m.dist[t.prof][k], c.m.dur[t.prof][k]
}

func (c modelClock) rest(t *vtype, b int) (open, close, dur int64, ok bool) {
	if 3*b >= len(t.rest) {
		return 0, 0, 0, false
	}
	return t.rest[3*b], t.rest[3*b+1], t.rest[3*b+2], true
}

func (c modelClock) visit(i int32, arr int64, inService bool) (start, serv, late int64) {
	if inService {
		return arr, c.m.remaining[i], 0
	}
	start, late = c.m.nextStart(i, arr)
	return start, c.m.service[i], late
}

// inputClock measures routes with the input's own figures.
type inputClock struct {
	m  *model
	in *Input
}

func (c inputClock) leg(t *vtype, i, j int32, depart float64) (float64, float64) {
	if i < 0 || j < 0 {
		return 0, 0
	}
	dist, dur := c.m.arc(c.in, t, i, j)
	if c.m.td != nil {
		if p := c.m.td.arcProfile(i, j); p != nil {
			dur = p.Arrival(depart, dur) - depart
		}
	}
	return dist, dur
}

func (c inputClock) rest(t *vtype, b int) (open, close, dur float64, ok bool) {
	bs := c.in.Vehicles[t.vix].Breaks
	if b >= len(bs) {
		return 0, 0, 0, false
	}
	return bs[b].Window.StartS, bs[b].Window.EndS, bs[b].DurationS, true
}

func (c inputClock) visit(i int32, arr float64, inService bool) (start, serv, late float64) {
	if c.m.isReload(i) {
		dp := &c.in.Depots[i]
		if w := dp.Window; w != nil {
			if arr > w.EndS+noise(w.EndS) {
				return arr, dp.ReloadS, arr - w.EndS
			}
			return max(arr, w.StartS), dp.ReloadS, 0
		}
		return arr, dp.ReloadS, 0
	}
	st := &c.in.Stops[int(i)-c.m.nd]
	if inService {
		return arr, *st.RemainingServiceS, 0
	}
	tws := st.TimeWindows
	if len(tws) == 0 {
		return arr, st.ServiceS, 0
	}
	if last := tws[len(tws)-1].EndS; arr > last+noise(last) {
		return arr, st.ServiceS, arr - last
	}
	for _, w := range tws {
		if arr <= w.EndS {
			return max(arr, w.StartS), st.ServiceS, 0
		}
	}
	return arr, st.ServiceS, 0 // within noise of the last closing
}

// simulate fills rt, a route of type t whose vehicle leaves node from at
// rt.StartS (its start, or the real start of a folded fixed sequence,
// whose first stop may be in service), with its visits, end, distance,
// duration, waiting and load, by drive with the input's figures. It
// returns the lateness: service starts after a stop's last window, the
// arrival after the shift or depot closes, and the duration beyond
// max_duration_s.
func (m *model) simulate(in *Input, vh *Vehicle, t *vtype, from int32, nodes []int32, rt Route) (Route, float64) {
	c := inputClock{m, in}
	rt.Visits = make([]Visit, 0, len(nodes))
	inService := len(t.prefix) > 0 && in.Stops[int(t.prefix[0])-m.nd].RemainingServiceS != nil
	r := drive(c, t, from, rt.StartS, nodes, inService, func(k int, arr, start, dep float64) {
		if m.isReload(nodes[k]) {
			rt.Visits = append(rt.Visits, Visit{Stop: m.ids[nodes[k]], Reload: true, ArrivalS: arr, StartS: start, DepartureS: dep, WaitS: start - arr})
			return
		}
		st := &in.Stops[int(nodes[k])-m.nd]
		rt.Visits = append(rt.Visits, Visit{Stop: st.ID, ArrivalS: arr, StartS: start, DepartureS: dep, WaitS: start - arr})
		if i := nodes[k]; m.pair != nil && m.pair[i] >= 0 && !m.pickup[i] {
			return // a shipment's delivery: counted at its pickup
		}
		rt.Load.WeightKg += st.Demand.WeightKg
		rt.Load.VolumeM3 += st.Demand.VolumeM3
		rt.Load.Units += st.Demand.Units
	})
	home(c, t, &r)
	if len(r.rests) > 0 {
		// Breaks between the visits they follow.
		vs := make([]Visit, 0, len(rt.Visits)+len(r.rests))
		b := 0
		for k := 0; k <= len(rt.Visits); k++ {
			for ; b < len(r.rests) && r.rests[b].after <= k; b++ {
				br := &vh.Breaks[b]
				st := r.rests[b].start
				vs = append(vs, Visit{Stop: br.ID, Break: true, ArrivalS: st, StartS: st, DepartureS: st + br.DurationS})
			}
			if k < len(rt.Visits) {
				vs = append(vs, rt.Visits[k])
			}
		}
		rt.Visits = vs
	}
	if cl := float64(t.twClose) / scale; t.twClose < big && r.now > cl+noise(cl) {
		r.late += r.now - cl
	}
	if d := vh.MaxDurationS; d > 0 && r.now-rt.StartS > d+noise(r.now) {
		r.late += r.now - rt.StartS - d
	}
	rt.EndS, rt.DistanceM, rt.DurationS, rt.WaitS = r.now, r.dist, r.now-rt.StartS, r.wait
	return rt, r.late
}
