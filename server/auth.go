package server

import (
	"bytes"
	"math"
	"time"

	"github.com/valyala/fasthttp"
)

// Error codes of API key checks (Config.Keys).
const (
	CodeUnauthorized = "unauthorized" // 401
	CodeRateLimited  = "rate_limited" // 429
)

// authorize checks the bearer key of a /v1/ request when Config.Keys is
// set, and takes a token from its bucket. It writes the 401 or 429 and
// returns false when the request may not go on.
func (s *Server) authorize(rc *fasthttp.RequestCtx, id string) bool {
	if s.cfg.Keys == nil {
		return true
	}
	h := rc.Request.Header.Peek("Authorization")
	scheme, token, _ := bytes.Cut(bytes.TrimSpace(h), []byte(" "))
	k, ok := s.cfg.Keys.Lookup(string(bytes.TrimSpace(token)))
	if !ok || !bytes.EqualFold(scheme, []byte("Bearer")) {
		s.metrics.reject("unauthorized")
		msg := "missing API key: send Authorization: Bearer KEY"
		if len(h) > 0 {
			msg = "unknown API key (or not a Bearer token)"
		}
		rc.Response.Header.Set("WWW-Authenticate", `Bearer realm="fulfil"`)
		s.writeError(rc, &apiError{status: fasthttp.StatusUnauthorized, code: CodeUnauthorized, field: "Authorization", msg: msg}, id)
		return false
	}
	if ok, wait := k.Take(time.Since(s.metrics.start).Seconds()); !ok {
		s.metrics.reject("rate_limited")
		s.writeError(rc, &apiError{status: fasthttp.StatusTooManyRequests, code: CodeRateLimited,
			msg:        "API key " + k.Name + " is over its rate limit; retry after Retry-After seconds",
			retryAfter: max(1, int(math.Ceil(wait)))}, id)
		return false
	}
	rc.SetUserValue(keyName{}, k.Name)
	return true
}

// keyName is the user value holding the request's API key name, logged.
type keyName struct{}
