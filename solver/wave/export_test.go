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

// WaveBounds compiles in with opt, forms every wave's units as Plan does
// and returns a function computing all waves' bounds, for benchmarks.
func WaveBounds(in *Input, opt Options) func() {
	opt = opt.withDefaults()
	m := compile(in, opt)
	frags, _ := m.allocate()
	units := make([][]unit, len(m.waves))
	for w := range m.waves {
		if opt.Mode == PickByOrder {
			units[w] = m.binUnits(frags[w])
		} else {
			units[w] = m.chunkUnits(frags[w])
		}
	}
	var r Router
	return func() {
		for w := range m.waves {
			m.waveBound(&r, &m.waves[w], units[w])
		}
	}
}
