package server

import (
	"github.com/valyala/fasthttp"
)

// statusBody is the body of /healthz and /readyz.
type statusBody struct {
	Status string `json:"status"`
}

// serveReady answers /readyz: 200 when started, not saturated and not
// draining; 503 with the reason otherwise.
func (s *Server) serveReady(rc *fasthttp.RequestCtx) {
	reason, ok := s.readiness()
	code := 200
	if !ok {
		code = fasthttp.StatusServiceUnavailable
	}
	s.writeJSON(rc, code, statusBody{Status: reason})
}

// serveMetrics answers /metrics in the Prometheus text format.
func (s *Server) serveMetrics(rc *fasthttp.RequestCtx) {
	_, ready := s.readiness()
	g := gauges{
		syncQueue: s.sync.depth(), syncCap: s.cfg.Queue, syncBusy: int(s.sync.busy.Load()), syncWorkers: s.sync.workers,
		ready: ready, draining: s.draining.Load(),
	}
	s.jobGauges(&g)
	rc.SetContentType("text/plain; version=0.0.4; charset=utf-8")
	rc.SetBody(s.metrics.write(g))
}
