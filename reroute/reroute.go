package reroute

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"fulfil/geo"
	"fulfil/solver"
	"fulfil/solver/vrp"
)

// How a broken vehicle's goods reach their stops.
const (
	HowTransfer = "transfer" // picked up where the vehicle stands by another
	HowResend   = "resend"   // re-picked at the depot and sent on another
	HowUnserved = "unserved" // not delivered
)

// loadSkill is the model-only skill of a vehicle that can load at its
// depot now (it stands there, or its fixed sequence goes back there) and
// of every stop whose goods are not on a vehicle yet. The NUL byte keeps it
// apart from the caller's skills.
const loadSkill = "\x00reroute:load"

// unreachablePenalty is the price of a mandatory stop that no vehicle can
// serve any more: far above any route's cost, so it is left only when it
// must be.
const unreachablePenalty = 1e9

// Answer is a re-route: the new plan, the problem it answers, each stop's
// arrival change, the notices and what became of broken vehicles' goods.
type Answer struct {
	// Plan is the new plan. A transfer or a reload appears in it as a stop
	// named "transfer:<vehicle>" or "reload:<vehicle>".
	Plan *vrp.Output `json:"plan"`
	// Input is the problem Plan answers: the road's state lowered onto the
	// planned input (served stops gone, vehicles from where they are).
	// Plan passes vrp.Check against it; Check is that report.
	Input *vrp.Input  `json:"input"`
	Check *vrp.Report `json:"check"`
	Diff
	Breakdowns []Rescue `json:"breakdowns"`
	// Candidates are the plans solved and compared (one per way of
	// handling the breakdowns); Score is the winner's cost plus
	// move_price per moved stop.
	Candidates int          `json:"candidates"`
	Score      float64      `json:"score"`
	Stats      solver.Stats `json:"stats"`
}

// Rescue says what became of one broken vehicle's goods.
type Rescue struct {
	Vehicle string        `json:"vehicle"`
	Stops   []RescuedStop `json:"stops"`
}

// RescuedStop is one stop whose goods were on a broken vehicle.
type RescuedStop struct {
	Stop    string `json:"stop"`
	How     string `json:"how"`               // transfer, resend or unserved
	Vehicle string `json:"vehicle,omitempty"` // the vehicle that now serves it
}

// mods are a candidate's ways of handling breakdowns.
type mods struct {
	fixed   map[int][]vrp.Stop // vehicle → pseudo-stops after its next stop
	onBoard map[int][]string   // vehicle → goods transferred to it
	loaders map[int]bool       // on-road vehicles that go back to load
	how     map[string]string  // broken vehicle's stop → transfer or resend
	extra   map[int][]string   // vehicle → goods its warm start serves last
}

func (m mods) clone() mods {
	c := mods{fixed: map[int][]vrp.Stop{}, onBoard: map[int][]string{}, loaders: map[int]bool{}, how: map[string]string{},
		extra: map[int][]string{}}
	for k, v := range m.extra {
		c.extra[k] = slices.Clone(v)
	}
	for k, v := range m.fixed {
		c.fixed[k] = slices.Clone(v)
	}
	for k, v := range m.onBoard {
		c.onBoard[k] = slices.Clone(v)
	}
	for k, v := range m.loaders {
		c.loaders[k] = v
	}
	for k, v := range m.how {
		c.how[k] = v
	}
	return c
}

// day is a request compiled: the base problem after events and state.
type day struct {
	rq      *Request
	opt     Options
	stops   []vrp.Stop // planned (less cancelled) + new, windows changed
	stopAt  map[string]int
	depotAt map[string]geo.Point
	roads   []road
	broken  map[int]bool
	served  map[string]bool
	traffic []vrp.TrafficZone
}

// Reroute re-plans the rest of a day in progress within
// options.time_limit_s and says what changed. Every answer passes
// vrp.Check.
func Reroute(ctx context.Context, rq *Request) (*Answer, error) {
	start := time.Now()
	if err := rq.validate(); err != nil {
		return nil, err
	}
	opt := rq.Options.withDefaults()
	// The solves get half the budget: the rest builds the
	// problems, checks and compares the answer.
	ctx, cancel := context.WithTimeout(ctx, time.Duration(0.5*opt.TimeLimitS*float64(time.Second)))
	defer cancel()
	d, err := compileDay(rq, opt)
	if err != nil {
		return nil, err
	}
	var brokenTs []int
	for t := range rq.Input.Vehicles {
		if d.broken[t] {
			brokenTs = append(brokenTs, t)
		}
	}
	stages := len(brokenTs) + 1
	var (
		best      = mods{}.clone()
		bestOut   *vrp.Output
		bestIn    *vrp.Input
		bestScore float64
		tried     int
		lastDur   time.Duration
	)
	for k := range stages {
		var cands []mods
		if k < len(brokenTs) {
			cands = d.candidates(brokenTs[k], best)
		} else {
			cands = d.loading(best)
		}
		stageScore := math.Inf(1)
		var stage mods
		var stageOut *vrp.Output
		var stageIn *vrp.Input
		for i, m := range cands {
			// With a plan in hand, a solve that cannot end in time is not
			// started (a solve's set-up costs about as much as the last).
			if (stageOut != nil || bestOut != nil) && time.Until(deadlineOf(ctx)) < lastDur {
				break
			}
			// One share is kept for polishing the winner.
			share := time.Until(deadlineOf(ctx)) / time.Duration(len(cands)-i+2*(stages-k-1)+1)
			if len(cands) == 1 && (k < stages-1 || bestOut != nil) {
				break // nothing to choose: the next stage solves, or the last did
			}
			in := d.build(m)
			t0 := time.Now()
			out, err := solve(ctx, in, opt, share)
			lastDur = time.Since(t0)
			tried++
			if errors.Is(err, context.DeadlineExceeded) && (stageOut != nil || bestOut != nil) {
				continue // out of time for this one: the others stand
			}
			if errors.Is(err, context.DeadlineExceeded) {
				// Nothing in hand yet: answer late rather than not at all.
				out, err = solve(ctx, in, opt, max(10*share, 20*time.Millisecond))
			}
			if err != nil {
				return nil, err
			}
			score, err := d.score(in, out, opt)
			if err != nil {
				return nil, err
			}
			if score < stageScore {
				stageScore, stage, stageOut, stageIn = score, m, out, in
			}
		}
		if stageOut == nil {
			if bestOut == nil { // skipped: its one candidate goes on
				best = cands[0]
			}
			continue
		}
		best, bestOut, bestIn, bestScore = stage, stageOut, stageIn, stageScore
	}
	// The last stage's winner is the plan (earlier stages fixed the
	// choices it builds on). When candidates shared the budget, the rest
	// of it improves the winner, warm-started from its own routes.
	if left := time.Until(deadlineOf(ctx)); tried > 1 && left > lastDur {
		in := *bestIn
		in.InitialRoutes = nil
		for _, r := range bestOut.Routes {
			ir := vrp.InitialRoute{Vehicle: r.Vehicle, Index: r.Index}
			for _, v := range r.Visits {
				ir.Stops = append(ir.Stops, v.Stop)
			}
			in.InitialRoutes = append(in.InitialRoutes, ir)
		}
		out, err := solve(ctx, &in, opt, left)
		tried++
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			// out of time: the winner stands
		case err != nil:
			return nil, err
		default:
			score, err := d.score(&in, out, opt)
			if err != nil {
				return nil, err
			}
			if score <= bestScore {
				bestOut, bestIn, bestScore = out, &in, score
			}
		}
	}
	rep, err := vrp.Check(bestIn, bestOut)
	if err != nil {
		return nil, fmt.Errorf("checking the new plan: %w", err)
	}
	diff, err := Compare(bestIn, &rq.Plan, bestOut, CompareOptions{ThresholdS: opt.ThresholdS})
	if err != nil {
		return nil, err
	}
	// Transfers and reloads are work, not stops a pickup point waits for.
	etas := diff.ETAs[:0]
	for _, e := range diff.ETAs {
		if _, real := d.stopAt[e.Stop]; real {
			etas = append(etas, e)
		} else if e.PrevETAS == nil && !e.PrevUnserved {
			diff.Disruption.NewStops--
		}
	}
	diff.ETAs = etas
	ans := &Answer{Plan: bestOut, Input: bestIn, Check: rep, Diff: *diff, Candidates: tried, Score: bestScore}
	ans.Breakdowns = d.rescues(best, bestOut)
	ans.Stats = solver.Stats{Stop: bestOut.Stats.Stop, RuntimeS: solver.Since(start), Seed: opt.Seed, Threads: opt.Threads,
		Iterations: bestOut.Stats.Iterations}
	return ans, nil
}

func deadlineOf(ctx context.Context) time.Time {
	dl, ok := ctx.Deadline()
	if !ok {
		return time.Now().Add(time.Second)
	}
	return dl
}

// solve runs the solver on in for at most share.
func solve(ctx context.Context, in *vrp.Input, opt Options, share time.Duration) (*vrp.Output, error) {
	o := vrp.DefaultOptions()
	o.Seed, o.Threads = opt.Seed, opt.Threads
	o.TimeLimitS = max(share.Seconds(), 0.001)
	out, err := vrp.Solve(context.WithoutCancel(ctx), in, o)
	if err != nil {
		// Field paths name the problem built (Answer.Input's shape).
		return nil, fmt.Errorf("solving the re-route: %w", solver.Under("rerouted_input", err))
	}
	return out, nil
}

// score is a candidate's cost plus the price of the stops it moves to
// another vehicle; a plan that leaves a mandatory stop or breaks a rule
// scores above any that does not.
func (d *day) score(in *vrp.Input, out *vrp.Output, opt Options) (float64, error) {
	diff, err := Compare(in, &d.rq.Plan, out, CompareOptions{ThresholdS: opt.ThresholdS})
	if err != nil {
		return 0, err
	}
	s := out.Cost + opt.MovePrice*float64(diff.Disruption.MovedStops)
	if !out.Feasible {
		s += 1e15
	}
	return s, nil
}

// compileDay applies the events and the state to the planned input.
func compileDay(rq *Request, opt Options) (*day, error) {
	in := &rq.Input
	d := &day{rq: rq, opt: opt, stopAt: map[string]int{}, depotAt: map[string]geo.Point{}, broken: map[int]bool{}, served: map[string]bool{}}
	for _, dp := range in.Depots {
		d.depotAt[dp.ID] = dp.Location
	}
	cancelled := map[string]bool{}
	for _, id := range rq.Events.Cancelled {
		cancelled[id] = true
	}
	d.roads = roads(rq, d.depotAt)
	for _, rd := range d.roads {
		for _, s := range rd.served {
			d.served[s] = true
		}
	}
	windows := map[string][]vrp.TimeWindow{}
	for _, w := range rq.Events.Windows {
		windows[w.Stop] = w.TimeWindows
	}
	for _, s := range slices.Concat(in.Stops, rq.Events.NewStops) {
		if cancelled[s.ID] || d.served[s.ID] {
			continue
		}
		if w, ok := windows[s.ID]; ok {
			s.TimeWindows = w
		}
		s.Skills = slices.Clone(s.Skills)
		d.stopAt[s.ID] = len(d.stops)
		d.stops = append(d.stops, s)
	}
	for _, id := range rq.Events.Breakdowns {
		for t, vh := range in.Vehicles {
			if vh.ID == id {
				d.broken[t] = true
			}
		}
	}
	for i, tr := range rq.Events.Traffic {
		z := vrp.TrafficZone{Cells: tr.Cells, Periods: []geo.FactorPeriod{{StartS: tr.StartS, EndS: tr.EndS, Factor: tr.Factor}}}
		if tr.Center != nil {
			cells, err := TrafficCells(*tr.Center, tr.RadiusM, TrafficRes)
			if err != nil {
				return nil, solver.Errorf(fmt.Sprintf("events.traffic[%d]", i), "%v", err)
			}
			z.Cells = nil
			for _, c := range cells {
				z.Cells = append(z.Cells, c.String())
			}
		}
		d.traffic = append(d.traffic, z)
	}
	return d, nil
}

// live reports whether stop id is still to serve.
func (d *day) live(id string) bool { _, ok := d.stopAt[id]; return ok }

// build lowers the day and a candidate's mods onto a vrp.Input.
func (d *day) build(m mods) *vrp.Input {
	src := &d.rq.Input
	in := &vrp.Input{Depots: src.Depots, Travel: src.Travel, Traffic: slices.Concat(src.Traffic, d.traffic)}
	at := map[string]int{}
	for _, s := range d.stops {
		if d.live(s.ID) {
			at[s.ID] = len(in.Stops)
			in.Stops = append(in.Stops, s)
		}
	}
	carried := map[string]bool{}
	for t, rd := range d.roads {
		if d.broken[t] {
			continue
		}
		vh := src.Vehicles[t]
		vh.Skills = slices.Clone(vh.Skills)
		vh.FixedSequence, vh.OnBoard = nil, nil
		if rd.atDepot {
			vh.StartDepot = rd.depot
			vh.Skills = append(vh.Skills, loadSkill)
		} else {
			if vh.EndDepot == "" && !vh.OpenEnd {
				vh.EndDepot = vh.StartDepot
			}
			vh.StartDepot = ""
			pos := rd.pos
			vh.StartLocation = &pos
			if rd.next != "" && d.live(rd.next) {
				vh.FixedSequence = append(vh.FixedSequence, rd.next)
				carried[rd.next] = true
				if rd.remain != nil {
					r := *rd.remain
					in.Stops[at[rd.next]].RemainingServiceS = &r
				}
			}
			for _, s := range rd.rest {
				if d.live(s) {
					vh.OnBoard = append(vh.OnBoard, s)
					carried[s] = true
				}
			}
			if m.loaders[t] {
				vh.Skills = append(vh.Skills, loadSkill)
			} else if d.returning(t) {
				// Driving back empty: it reloads at its depot on the way.
				vh.Skills = append(vh.Skills, loadSkill)
				in.Stops = append(in.Stops, d.reloadStop(t))
				vh.FixedSequence = append(vh.FixedSequence, in.Stops[len(in.Stops)-1].ID)
			}
		}
		for _, ps := range m.fixed[t] {
			in.Stops = append(in.Stops, ps)
			vh.FixedSequence = append(vh.FixedSequence, ps.ID)
		}
		for _, s := range m.onBoard[t] {
			vh.OnBoard = append(vh.OnBoard, s)
			carried[s] = true
		}
		vh.FreeFromS = max(vh.FreeFromS, d.rq.State.NowS)
		in.Vehicles = append(in.Vehicles, vh)
	}
	for i := range in.Stops {
		s := &in.Stops[i]
		if !carried[s.ID] && !slices.Contains(s.Skills, loadSkill) && d.live(s.ID) {
			s.Skills = append(s.Skills, loadSkill)
		}
	}
	// A stop that no vehicle can take (its goods are at a depot no vehicle
	// can load at now, or skills no vehicle left has) becomes optional at
	// unreachablePenalty, so that the answer lists it unserved.
	for i := range in.Stops {
		s := &in.Stops[i]
		if s.Penalty > 0 || carried[s.ID] {
			continue
		}
		ok := false
		for _, vh := range in.Vehicles {
			ok = ok || hasAll(vh.Skills, s.Skills)
		}
		if !ok {
			s.Penalty = unreachablePenalty
		}
	}
	if !d.opt.ColdStart {
		in.InitialRoutes = d.warmStart(m)
	}
	return in
}

// goods lists the stops whose goods a broken vehicle t carries: none when
// it stands at its depot (they are free to load there).
func (d *day) goods(t int) []string {
	rd := d.roads[t]
	if rd.atDepot {
		return nil
	}
	var g []string
	if rd.next != "" && rd.remain == nil && d.live(rd.next) {
		g = append(g, rd.next)
	}
	for _, s := range rd.rest {
		if d.live(s) {
			g = append(g, s)
		}
	}
	return g
}

// candidates lists the ways of handling broken vehicle b on top of base,
// the likeliest first (the budget may allow only the first at 200 stops):
// unless options.no_resend, re-sent from the depot on a truck standing idle
// there; each of the two nearest vehicles able to carry the goods picks
// them up where it stands (transfer); re-sent on the trucks that can load
// or on the nearest vehicle on the road after it goes back to load.
func (d *day) candidates(b int, base mods) []mods {
	goods := d.goods(b)
	rb := d.roads[b]
	if rb.next != "" && rb.remain != nil {
		// service had begun: the stop is served, as unloading goes on.
		d.served[rb.next] = true
		delete(d.stopAt, rb.next)
	}
	if len(goods) == 0 {
		return []mods{base.clone()}
	}
	var need vrp.Load
	var skills []string
	for _, s := range goods {
		st := d.stops[d.stopAt[s]]
		need = add(need, st.Demand)
		for _, k := range st.Skills {
			if !slices.Contains(skills, k) {
				skills = append(skills, k)
			}
		}
	}
	bid := d.rq.Input.Vehicles[b].ID
	type near struct {
		t    int
		dist float64
	}
	var transfer, reload []near
	for t, rd := range d.roads {
		if d.broken[t] {
			continue
		}
		vh := d.rq.Input.Vehicles[t]
		if !hasAll(vh.Skills, skills) {
			continue
		}
		load := need
		if !rd.atDepot {
			for _, s := range append([]string{rd.next}, rd.rest...) {
				if i, ok := d.stopAt[s]; ok {
					load = add(load, d.stops[i].Demand)
				}
			}
			for _, s := range base.onBoard[t] {
				load = add(load, d.stops[d.stopAt[s]].Demand)
			}
		}
		if fits(load, vh.Capacity) {
			transfer = append(transfer, near{t, geo.HaversineM(rd.pos, rb.pos)})
			if !rd.atDepot && !base.loaders[t] && len(base.fixed[t]) == 0 {
				reload = append(reload, near{t, geo.HaversineM(rd.pos, d.depotAt[vh.StartDepot])})
			}
		}
	}
	byDist := func(a, b near) int { return cmp.Or(cmp.Compare(a.dist, b.dist), cmp.Compare(a.t, b.t)) }
	slices.SortFunc(transfer, byDist)
	slices.SortFunc(reload, byDist)
	var out []mods
	for _, n := range transfer[:min(2, len(transfer))] {
		m := base.clone()
		m.fixed[n.t] = append(m.fixed[n.t], vrp.Stop{ID: "transfer:" + bid, Location: rb.pos, ServiceS: d.opt.TransferS})
		m.onBoard[n.t] = append(m.onBoard[n.t], goods...)
		m.extra[n.t] = append(m.extra[n.t], goods...)
		for _, s := range goods {
			m.how[s] = HowTransfer
		}
		out = append(out, m)
	}
	if !d.opt.NoResend {
		m := base.clone()
		for _, s := range goods {
			m.how[s] = HowResend
		}
		plain, idle := m.clone(), false
		for _, n := range transfer { // the nearest truck at a depot
			if d.roads[n.t].atDepot {
				plain.extra[n.t] = append(plain.extra[n.t], goods...)
				idle = true
				break
			}
		}
		if idle {
			// A truck standing idle disturbs no one: tried first.
			out = append([]mods{plain}, out...)
		} else {
			out = append(out, plain)
		}
		if len(reload) > 0 {
			n := reload[0]
			m := m.clone()
			m.fixed[n.t] = append(m.fixed[n.t], d.reloadStop(n.t))
			m.loaders[n.t] = true
			m.extra[n.t] = append(m.extra[n.t], goods...)
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		m := base.clone()
		for _, s := range goods {
			m.how[s] = HowUnserved
		}
		out = append(out, m)
	}
	return out
}

// rescues says, for each broken vehicle's goods, how and by whom they are
// served in out.
func (d *day) rescues(m mods, out *vrp.Output) []Rescue {
	by := map[string]string{}
	for _, r := range out.Routes {
		for _, v := range r.Visits {
			by[v.Stop] = r.Vehicle
		}
	}
	var res []Rescue
	for t, vh := range d.rq.Input.Vehicles {
		if !d.broken[t] {
			continue
		}
		rc := Rescue{Vehicle: vh.ID, Stops: []RescuedStop{}}
		for _, s := range d.goods(t) {
			rs := RescuedStop{Stop: s, How: HowUnserved}
			if v, ok := by[s]; ok {
				rs.How, rs.Vehicle = cmp.Or(m.how[s], HowResend), v
			}
			rc.Stops = append(rc.Stops, rs)
		}
		res = append(res, rc)
	}
	return res
}

func add(a, b vrp.Load) vrp.Load {
	return vrp.Load{WeightKg: a.WeightKg + b.WeightKg, VolumeM3: a.VolumeM3 + b.VolumeM3, Units: a.Units + b.Units}
}

// fits reports whether load fits capacity in the dimensions it limits
// (a zero capacity leaves a dimension unlimited here; vrp.Solve has the
// last word).
func fits(load, c vrp.Load) bool {
	return (c.WeightKg == 0 || load.WeightKg <= c.WeightKg+1e-9) &&
		(c.VolumeM3 == 0 || load.VolumeM3 <= c.VolumeM3+1e-9) &&
		(c.Units == 0 || load.Units <= c.Units)
}

func hasAll(have, need []string) bool {
	for _, k := range need {
		if !slices.Contains(have, k) {
			return false
		}
	}
	return true
}

// returning reports whether vehicle t is on the road with nothing left to
// deliver: it drives back to its depot.
func (d *day) returning(t int) bool {
	rd := d.roads[t]
	if rd.atDepot || d.broken[t] || (rd.next != "" && d.live(rd.next)) {
		return false
	}
	for _, s := range rd.rest {
		if d.live(s) {
			return false
		}
	}
	return true
}

// reloadStop is a stop at vehicle t's depot where it loads for
// options.reload_s.
func (d *day) reloadStop(t int) vrp.Stop {
	vh := d.rq.Input.Vehicles[t]
	return vrp.Stop{ID: "reload:" + vh.ID, Location: d.depotAt[vh.StartDepot], ServiceS: d.opt.ReloadS}
}

// loading lists the ways of loading the stops whose goods are still at a
// depot: as base has it, and when no vehicle stands at a depot or drives
// back empty, each of the two vehicles on the road nearest their depot
// going back to load after the stop they drive to.
func (d *day) loading(base mods) []mods {
	out := []mods{base.clone()}
	need := false
	carried := map[string]bool{}
	for t, rd := range d.roads {
		if d.broken[t] || rd.atDepot {
			continue
		}
		carried[rd.next] = true
		for _, s := range rd.rest {
			carried[s] = true
		}
		for _, s := range base.onBoard[t] {
			carried[s] = true
		}
	}
	for _, s := range d.stops {
		need = need || (d.live(s.ID) && !carried[s.ID])
	}
	if !need {
		return out
	}
	type near struct {
		t    int
		dist float64
	}
	var cands []near
	for t, rd := range d.roads {
		if d.broken[t] {
			continue
		}
		if rd.atDepot || base.loaders[t] || d.returning(t) {
			return out // someone can load already
		}
		if len(base.fixed[t]) == 0 {
			cands = append(cands, near{t, geo.HaversineM(rd.pos, d.depotAt[d.rq.Input.Vehicles[t].StartDepot])})
		}
	}
	slices.SortFunc(cands, func(a, b near) int { return cmp.Or(cmp.Compare(a.dist, b.dist), cmp.Compare(a.t, b.t)) })
	for _, n := range cands[:min(2, len(cands))] {
		m := base.clone()
		m.fixed[n.t] = append(m.fixed[n.t], d.reloadStop(n.t))
		m.loaders[n.t] = true
		out = append(out, m)
	}
	return out
}

// warmStart is the plan being driven less what is done or gone, with each
// candidate's rescued goods at the end of the route that takes them.
func (d *day) warmStart(m mods) []vrp.InitialRoute {
	var out []vrp.InitialRoute
	for t, vh := range d.rq.Input.Vehicles {
		if d.broken[t] {
			continue
		}
		ir := vrp.InitialRoute{Vehicle: vh.ID}
		for _, rt := range d.rq.Plan.Routes {
			if rt.Vehicle != vh.ID {
				continue
			}
			for _, v := range rt.Visits {
				if d.live(v.Stop) {
					ir.Stops = append(ir.Stops, v.Stop)
				}
			}
		}
		for _, s := range m.extra[t] {
			if d.live(s) {
				ir.Stops = append(ir.Stops, s)
			}
		}
		if len(ir.Stops) > 0 {
			out = append(out, ir)
		}
	}
	return out
}
