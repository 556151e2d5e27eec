package io.latchkey.hardening;

/** Making hostile input readable in a report: control characters escaped, long runs counted, long text cut. */
final class Text {
    private Text() {}

    /** Control characters as {@code \u0000}; a run of more than 12 equal characters as {@code «c×n»}. */
    static String visible(String s) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            int len = Character.charCount(c);
            int j = i + len;
            int run = 1;
            while (j < s.length() && s.codePointAt(j) == c) {
                run++;
                j += len;
            }
            String one = c < 0x20 || c == 0x7f || Character.getType(c) == Character.SURROGATE
                    ? String.format("\\u%04x", c)
                    : new String(Character.toChars(c));
            if (run > 12) {
                sb.append('«').append(one).append('×').append(run).append('»');
            } else {
                for (int k = 0; k < run; k++) sb.append(one);
            }
            i = j;
            if (sb.length() > 4_000) break;
        }
        return sb.toString();
    }

    static String cut(String s, int max) {
        if (s == null) return "null";
        return s.length() <= max ? s : s.substring(0, max) + "…(" + s.length() + " chars)";
    }
}
