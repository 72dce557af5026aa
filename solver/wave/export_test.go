package wave

// SimpleBounds plans in with opt and returns, per wave, the distance bound
// without the aisle bound (the bound as it was before the aisle bound), for
// tests comparing the two.
func SimpleBounds(in *Input, opt Options) []float64 {
	opt = opt.withDefaults()
	m := compile(in, opt)
	frags, _ := m.allocate()
	var r Router
	out := make([]float64, len(m.waves))
	for w := range m.waves {
		var units []unit
		if opt.Mode == PickByOrder {
			units = m.binUnits(frags[w])
		} else {
			units = m.chunkUnits(frags[w])
		}
		out[w] = m.simpleBound(&r, &m.waves[w], units).DistanceM
	}
	return out
}
