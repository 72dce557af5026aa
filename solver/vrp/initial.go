package vrp

import (
	"fmt"

	"fulfil/solver"
)

// InitialRoute is one route of a plan to start from, such as the plan a
// truck is driving when the day changes it: the vehicle type, which of
// its vehicles, and the stops in order. Output.Routes carry the same three
// fields (Visits[].Stop), so a previous answer can be passed back as is,
// less the stops already served or cancelled.
type InitialRoute struct {
	Vehicle string   `json:"vehicle"`
	Index   int      `json:"index,omitempty"`
	Stops   []string `json:"stops"`
}

// initialPlan compiles routes into a plan of m's vehicle slots, naming the
// field of each problem under field ("options.initial_routes"). Routes of
// one vehicle type may land on other slots of that type: its vehicles are
// identical. Stops left out of every route stay unassigned in the plan.
// Stops of a vehicle's fixed_sequence are skipped: the sequence places
// them, so a previous answer can be passed back as it is.
func (m *model) initialPlan(in *Input, routes []InitialRoute, field string) (*plan, error) {
	var v solver.Violations
	stopNode := make(map[string]int32, m.ns)
	for i, st := range in.Stops {
		stopNode[st.ID] = int32(m.nd + i)
	}
	typeOf := make(map[string]int, len(m.types))
	for ti, t := range m.types {
		typeOf[t.id] = ti
	}
	slotsOf := make([][]int, len(m.types)) // free slots per type, in order
	for r, ti := range m.slotType {
		slotsOf[ti] = append(slotsOf[ti], r)
	}
	slots := make([]int, len(m.types))
	for ti := range slots {
		slots[ti] = len(slotsOf[ti])
	}
	p := &plan{routes: make([][]int32, len(m.slotType))}
	seen := make(map[int32]string, m.ns)
	for i, rt := range routes {
		f := fmt.Sprintf("%s[%d]", field, i)
		ti, ok := typeOf[rt.Vehicle]
		switch {
		case !ok:
			v.Add(f+".vehicle", "unknown vehicle %q", rt.Vehicle)
			continue
		case rt.Index < 0 || (in.Vehicles[ti].Count > 0 && rt.Index >= in.Vehicles[ti].Count):
			v.Add(f+".index", "must be in [0, %d) for vehicle %q, got %d", max(in.Vehicles[ti].Count, 1), rt.Vehicle, rt.Index)
			continue
		case len(slotsOf[ti]) == 0:
			v.Add(f, "vehicle %q has %d vehicles (at most one per stop), all given routes already", rt.Vehicle, slots[ti])
			continue
		}
		r := slotsOf[ti][0]
		slotsOf[ti] = slotsOf[ti][1:]
		for j, id := range rt.Stops {
			node, ok := stopNode[id]
			if !ok {
				v.Add(fmt.Sprintf("%s.stops[%d]", f, j), "unknown stop %q (leave out stops served or cancelled)", id)
				continue
			}
			if m.fixed[node] {
				continue // a fixed sequence places it (a previous answer lists it)
			}
			if prev, dup := seen[node]; dup {
				v.Add(fmt.Sprintf("%s.stops[%d]", f, j), "stop %q is already on %s", id, prev)
				continue
			}
			if need := m.skill[node]; need&^m.types[ti].skills != 0 {
				v.Add(fmt.Sprintf("%s.stops[%d]", f, j), "stop %q needs skills vehicle %q lacks", id, rt.Vehicle)
				continue
			}
			seen[node] = f
			p.routes[r] = append(p.routes[r], node)
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return p, nil
}
