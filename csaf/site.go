package csaf

// The publisher's own site: references to it travel with every copy.

import (
	"net/url"
	"path"
	"strings"
)

// A site is where a document's publisher publishes, from its
// /document/publisher/namespace: the namespace's host, without a leading
// "www.", and every subdomain of it; or, when the namespace has a path,
// what is under that path on that host alone. "https://www.redhat.com"
// holds https://access.redhat.com/errata and https://bugzilla.redhat.com;
// "https://github.com/acme" holds https://github.com/acme/advisories but
// not https://github.com/other nor https://gist.github.com/acme. The zero
// site holds nothing.
type site struct {
	host string // lower case, without "www."; "" for none
	path string // cleaned, without a trailing slash; "" for the whole host
}

// siteOf returns the site of a publisher namespace. A namespace that is
// not an http or https URL, names a user, or whose host is a single label
// ("localhost", "com") gives no site.
func siteOf(namespace string) site {
	u, ok := webURL(namespace)
	if !ok {
		return site{}
	}
	host := strings.TrimPrefix(hostOf(u), "www.")
	if !strings.Contains(host, ".") {
		return site{}
	}
	p := cleanPath(u.Path)
	if p == "/" {
		p = ""
	}
	return site{host: host, path: p}
}

// has reports whether the URL raw is on the site.
func (s site) has(raw string) bool {
	if s.host == "" {
		return false
	}
	u, ok := webURL(raw)
	if !ok {
		return false
	}
	h := hostOf(u)
	if s.path == "" {
		return h == s.host || strings.HasSuffix(h, "."+s.host)
	}
	// Under a path, on that host only: another host of the domain is
	// not the publisher's part of it.
	if strings.TrimPrefix(h, "www.") != s.host {
		return false
	}
	p := cleanPath(u.Path)
	return p == s.path || strings.HasPrefix(p, s.path+"/")
}

// String returns the site as a host and path, such as "redhat.com".
func (s site) String() string { return s.host + s.path }

// webURL parses an absolute http or https URL without user information.
func webURL(raw string) (*url.URL, bool) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.User != nil || u.Opaque != "" || u.Host == "" {
		return nil, false
	}
	return u, true
}

// hostOf returns the host of a URL in lower case, without a port or a
// final dot.
func hostOf(u *url.URL) string {
	return strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
}

// cleanPath returns p with every . and .. step resolved, so that
// "/acme/../other" is not under "/acme".
func cleanPath(p string) string {
	if p == "" {
		return "/"
	}
	return path.Clean(p)
}
