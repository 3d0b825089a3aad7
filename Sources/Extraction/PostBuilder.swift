/// Builds posts from body lines once the headlines are known.
///
/// A post starts at a time line (or, where times are printed under the headlines, at the headline
/// that the time line then joins), at a headline, or (on a headless page) at an image that follows
/// a finished paragraph or at the line after a closing line (contributors, `Read more …`). It ends
/// at `Link Copied!` or where the next one starts.
enum PostBuilder {
    static func build(_ body: [PageLine], headlines: Set<Int>, layout: Layout, timeBelowHeadline: Bool = false) -> [ParsedPost] {
        var posts: [ParsedPost] = []
        var current: ParsedPost?
        var closed = false // the current post has seen its closing line
        var i = 0

        func finish() {
            if let post = current, !isEmpty(post) { posts.append(post) }
            current = nil
            closed = false
        }

        /// A time line under the headline of a post that has nothing else yet belongs to it.
        func joinsHeadline() -> Bool {
            guard timeBelowHeadline, let post = current, post.headline != nil, post.time == nil, post.printedClock == nil else { return false }
            return post.body.isEmpty && post.images.isEmpty
        }

        while i < body.count {
            let line = body[i]
            switch line.kind {
            case .time(let stamp) where joinsHeadline():
                current?.time = stamp
                i += 1
                continue
            case .clock(let clock) where joinsHeadline():
                current?.printedClock = clock
                i += 1
                continue
            case .time(let stamp):
                finish()
                current = ParsedPost(time: stamp)
                i += 1
                continue
            case .clock(let clock):
                finish()
                current = ParsedPost()
                current?.printedClock = clock
                i += 1
                continue
            case .linkSeparator:
                finish()
                i += 1
                continue
            default:
                break
            }
            if headlines.contains(i) {
                if current == nil || current?.headline != nil || !(current?.body.isEmpty ?? true) || !(current?.images.isEmpty ?? true) {
                    finish()
                    current = ParsedPost()
                }
                current?.headline = HeadlineDetector.cleanHeadline(line.text)
                i += 1
                continue
            }
            if let (image, used) = CaptionReader.image(in: body, at: i) {
                if layout == .headless, let post = current, closed || !post.body.isEmpty {
                    finish()
                }
                if current == nil { current = ParsedPost() }
                if !(current!.images.contains { $0.caption != nil && $0.caption == image.caption }) {
                    current!.images.append(image)
                }
                i += used
                continue
            }
            if layout == .headless && closed { finish() }
            if current == nil { current = ParsedPost() }
            switch line.kind {
            case .byline(let authors) where current!.body.isEmpty && current!.byline == nil:
                current!.byline = line.text
                current!.authors = authors
            case .contributors(let names):
                current!.contributors.append(contentsOf: names)
                closed = true
            case .bullet(let text):
                current!.body.append("• " + text)
            default:
                current!.body.append(line.text)
                if Chrome.isReadMore(line.text) { closed = true }
            }
            i += 1
        }
        finish()
        return posts
    }

    private static func isEmpty(_ post: ParsedPost) -> Bool {
        post.headline == nil && post.body.isEmpty && post.images.isEmpty && post.contributors.isEmpty
    }
}
