"""Template tags for a page's metadata: one title and description, used by <title>, meta and Open Graph."""

from html import unescape

from django import template
from django.utils.html import strip_tags

register = template.Library()


class CaptureTextNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # Plain text (unescaped), so that each use escapes it once and filters such as
        # truncatechars never cut an entity in half.
        text = unescape(strip_tags(self.nodelist.render(context)))
        context[self.name] = " ".join(text.split())
        return ""


@register.tag
def capture_text(parser, token):
    """{% capture_text name %}…{% endcapture_text %}: render once, keep the text in `name`.

    A child template's {% block title %} can be rendered only once; capturing it lets the
    same words serve <title>, og:title and the like.
    """
    try:
        _tag, name = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("capture_text takes one argument: the variable name") from None
    nodelist = parser.parse(("endcapture_text",))
    parser.delete_first_token()
    return CaptureTextNode(nodelist, name)
