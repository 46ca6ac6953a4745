# make_page.awk: the HTML slideshow that bench/compare/run.sh shows in Chromium, i.e. the kiosk people
# would otherwise build: one page, every slide an absolutely positioned <section>, CSS opacity crossfades,
# a few lines of JavaScript for the timing and the taps.
#
#   awk -v base=../show/ [-v transition_ms=1200] [-v idle_ms=20000] [-v eager=1] -f make_page.awk \
#       slides.txt > index.html
#
# Input: the render manifest of memorial-kiosk (`memorial-kiosk --render DIR CONTENT` writes
# DIR/slides.txt), so the page has exactly the kiosk's slides, in its order, with its durations and its
# texts: excerpt slides carry the paragraphs of that screen (the browser lays them out again, in the
# same fonts, sizes and column width), picture slides the picture (object-fit: contain) and its caption.
# `base` is the content folder relative to the page (the pictures are loaded from there).
#
# Behaviour copied from the kiosk (src/core/show/timeline.h): a slide stays for its duration counted from
# when it is fully in, then the next one fades in over the current one (ease-in-out, transition_ms); a
# tap or click (pointer down) moves at once; after an input the show waits idle_ms before it goes on by
# itself. Every slide change is logged to the console ("slide N SOURCE"), which Chromium writes to its
# log with --enable-logging=stderr, so run.sh can check that the page went through the whole show.
# Pictures: by default only the slides around the current one (current, next, previous, the one fading
# out) have their <img> src set, and the next picture is decoded ahead with img.decode(): the same policy
# as the kiosk's slide cache, so Chromium is not charged for 200 pictures it does not need. With
# -v eager=1 every <img> gets its src at once (the naive page). Simplification in Chromium's favour: a picture that does not fill the screen stands on a plain dark
# background (the kiosk draws a blurred copy of the picture behind it).

function esc(s) {
    gsub(/&/, "\\&amp;", s)
    gsub(/</, "\\&lt;", s)
    gsub(/>/, "\\&gt;", s)
    gsub(/"/, "\\&quot;", s)
    return s
}

function url(s) {
    gsub(/%/, "%25", s)
    gsub(/ /, "%20", s)
    gsub(/#/, "%23", s)
    gsub(/\?/, "%3F", s)
    return s
}

function jsstr(s) {
    gsub(/\\/, "\\\\", s)
    gsub(/"/, "\\\"", s)
    gsub(/</, "\\u003c", s)
    return "\"" s "\""
}

function field(rec, key,    i, n, parts) {
    n = split(rec, parts, "\t")
    for (i = 1; i <= n; i++)
        if (index(parts[i], key "=") == 1)
            return substr(parts[i], length(key) + 2)
    return ""
}

BEGIN {
    FS = "\n"
    n = 0
    if (transition_ms == "") transition_ms = 1200
    if (idle_ms == "") idle_ms = 20000
}

/^[0-9]+\.png\t/ {
    n++
    kind[n] = field($0, "kind")
    src[n] = field($0, "source")
    dur[n] = field($0, "duration_ms") + 0
    body[n] = ""
    np[n] = 0
    if (kind[n] == "excerpt") {
        pages[src[n]]++
        page[n] = pages[src[n]]
    }
    next
}

/^\t/ {
    if (n == 0) next
    split(substr($0, 2), kv, "\t")
    role = kv[1]
    text = substr($0, length(role) + 3)
    if (role == "para") {
        np[n]++
        para[n, np[n]] = text
    } else if (role == "line") {
        if (np[n] == 0) { np[n] = 1; para[n, 1] = text }
        else if (para[n, np[n]] ~ /-$/) para[n, np[n]] = para[n, np[n]] text
        else para[n, np[n]] = para[n, np[n]] " " text
    } else if (role == "title" || role == "dateline" || role == "date" || role == "caption" || role == "banner") {
        val[n, role] = (val[n, role] == "" ? text : val[n, role] " " text)
    }
}

END {
    secs = transition_ms / 1000
    print "<!doctype html>"
    print "<html lang=\"en\"><head><meta charset=\"utf-8\">"
    print "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    print "<title>Memorial</title>"
    print "<style>"
    print "html, body { margin: 0; width: 100%; height: 100%; overflow: hidden; background: #1c1b1e; cursor: none; }"
    print ".s { position: absolute; inset: 0; opacity: 0; color: #eee9e0; font-family: \"Noto Serif\", serif;"
    print "     background: linear-gradient(#1f1e21, #131315); }"
    print ".s.on { opacity: 1; z-index: 1; }"
    print ".s.in { opacity: 1; z-index: 2; transition: opacity " secs "s ease-in-out; }"
    print ".s.start { opacity: 0; z-index: 2; transition: none; }"
    print "footer { position: absolute; left: 0; right: 0; bottom: 0; height: 79px; border-top: 2px solid #961c20;"
    print "     background: #080809; color: #c9c4bc; font: 26px/79px \"Noto Sans\", sans-serif; text-align: center; }"
    print ".t h1 { position: absolute; left: 0; right: 0; top: 360px; margin: 0; font-size: 71px; font-weight: 400;"
    print "     text-align: center; line-height: 1.25; padding: 0 380px; }"
    print ".t hr { position: absolute; left: 902px; width: 116px; top: 496px; margin: 0; border: 0;"
    print "     border-top: 4px solid #961c20; }"
    print ".t .dl { position: absolute; left: 0; right: 0; top: 545px; text-align: center; font-size: 32px;"
    print "     font-style: italic; color: #b9b3aa; }"
    print ".t .dt { position: absolute; left: 0; right: 0; top: 596px; text-align: center;"
    print "     font: 24px \"Noto Sans\", sans-serif; color: #b9b3aa; }"
    print ".x header { position: absolute; left: 390px; width: 1140px; top: 76px; padding-bottom: 8px;"
    print "     border-bottom: 2px solid #55524f; display: flex; justify-content: space-between;"
    print "     font: 24px \"Noto Sans\", sans-serif; color: #b9b3aa; text-transform: uppercase; }"
    print ".x .b { position: absolute; left: 390px; width: 1140px; top: 190px; bottom: 130px; overflow: hidden;"
    print "     font-size: 38px; line-height: 57px; }"
    print ".x p { margin: 0 0 28px; }"
    print ".p { background: #0e0e10; }"
    print ".p img { position: absolute; left: 0; top: 0; width: 100%; height: 999px; object-fit: contain; }"
    print ".p .c { position: absolute; left: 0; right: 0; bottom: 81px; padding: 14px 60px; background: rgba(8,8,9,.72);"
    print "     font: 29px \"Noto Sans\", sans-serif; text-align: center; }"
    print "</style></head><body>"
    for (i = 1; i <= n; i++) {
        cls = (i == 1 ? " on" : "")
        if (kind[i] == "title") {
            printf "<section class=\"s t%s\"><h1>%s</h1><hr>", cls, esc(val[i, "title"])
            if (val[i, "dateline"] != "") printf "<div class=\"dl\">%s</div>", esc(val[i, "dateline"])
            if (val[i, "date"] != "") printf "<div class=\"dt\">%s</div>", esc(val[i, "date"])
        } else if (kind[i] == "excerpt") {
            printf "<section class=\"s x%s\"><header><span>%s</span><span>%d / %d</span></header><div class=\"b\">", \
                cls, esc(val[i, "title"]), page[i], pages[src[i]]
            for (k = 1; k <= np[i]; k++) printf "<p>%s</p>", esc(para[i, k])
            printf "</div>"
        } else if (kind[i] == "image") {
            printf "<section class=\"s p%s\"><img %s=\"%s\" alt=\"\">", cls, (eager ? "src" : "data-src"), \
                esc(url(base src[i]))
            if (val[i, "caption"] != "") printf "<div class=\"c\">%s</div>", esc(val[i, "caption"])
        } else {
            printf "<section class=\"s t%s\"><h1>%s</h1>", cls, esc(val[i, "title"])
        }
        if (val[i, "banner"] != "") printf "<footer>%s</footer>", esc(val[i, "banner"])
        print "</section>"
    }
    print "<script>"
    printf "const D = ["
    for (i = 1; i <= n; i++) printf "%s%d", (i > 1 ? "," : ""), dur[i]
    print "];"
    printf "const SRC = ["
    for (i = 1; i <= n; i++) printf "%s%s", (i > 1 ? "," : ""), jsstr(src[i])
    print "];"
    print "const T = " transition_ms ", IDLE = " idle_ms ";"
    print "const S = document.querySelectorAll('.s'), N = S.length;"
    print "const IMG = Array.from(S, s => s.querySelector('img[data-src]'));"
    print "let cur = 0, prev = -1, shownAt = performance.now(), first = true, lastInput = null, timer = 0, endT = 0;"
    print "function due() {"
    print "  let d = (first ? shownAt : shownAt + T) + D[cur];"
    print "  if (lastInput !== null) d = Math.max(d, lastInput + IDLE);"
    print "  return d;"
    print "}"
    print "function schedule() {"
    print "  clearTimeout(timer);"
    print "  if (N > 1) timer = setTimeout(tick, Math.max(0, due() - performance.now()));"
    print "}"
    print "function tick() { if (performance.now() >= due() - 1) go(cur + 1); else schedule(); }"
    print "function go(i) {"
    print "  if (N < 2) return;"
    print "  clearTimeout(endT);"
    print "  if (prev >= 0 && prev !== cur) S[prev].className = S[prev].className.replace(/ (on|in|start)/g, '');"
    print "  prev = cur;"
    print "  cur = (i + N) % N;"
    print "  S[prev].className = S[prev].className.replace(/ (on|in|start)/g, '') + ' on';"
    print "  const s = S[cur];"
    print "  s.className = s.className.replace(/ (on|in|start)/g, '') + ' start';"
    print "  void s.offsetWidth;"
    print "  s.className = s.className.replace(' start', ' in');"
    print "  shownAt = performance.now();"
    print "  first = false;"
    print "  const p = prev;"
    print "  endT = setTimeout(() => { S[p].className = S[p].className.replace(/ (on|in|start)/g, ''); prev = -1; sync(); }, T);"
    print "  console.log('slide ' + (cur + 1) + ' ' + SRC[cur]);"
    print "  sync();"
    print "  schedule();"
    print "}"
    print "/* Pictures: only the slides around the current one have theirs loaded (like the kiosk's cache). */"
    print "function sync() {"
    print "  const want = new Set([cur, (cur + 1) % N, (cur + N - 1) % N, prev]);"
    print "  IMG.forEach((im, i) => {"
    print "    if (!im) return;"
    print "    if (want.has(i)) {"
    print "      if (!im.getAttribute('src')) { im.src = im.dataset.src; im.decode().catch(() => {}); }"
    print "    } else if (im.getAttribute('src')) im.removeAttribute('src');"
    print "  });"
    print "}"
    print "function input(dir) { lastInput = performance.now(); go(cur + dir); }"
    print "document.addEventListener('pointerdown', e => { if (e.button === 0) input(1); else if (e.button === 2) input(-1); });"
    print "document.addEventListener('contextmenu', e => e.preventDefault());"
    print "document.addEventListener('keydown', e => {"
    print "  if (e.repeat) return;"
    print "  if (e.key === 'ArrowRight' || e.key === ' ' || e.key === 'Enter' || e.key === 'PageDown') input(1);"
    print "  else if (e.key === 'ArrowLeft' || e.key === 'PageUp' || e.key === 'Backspace') input(-1);"
    print "});"
    print "console.log('slide 1 ' + SRC[0]);"
    print "sync();"
    print "schedule();"
    print "</script>"
    print "</body></html>"
}
