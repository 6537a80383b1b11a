package dev.govwatch.crawler;

import java.time.LocalDate;

/**
 * An HTTP date (RFC 9110 IMF-fixdate, {@code Tue, 01 Dec 2026 00:03:29 GMT}) as epoch seconds, so
 * that a million URL states keep their {@code Last-Modified} as a long rather than a 29-character
 * string. Only a value that prints back exactly as the server sent it is converted: the crawler
 * must return a server's validator byte for byte in {@code If-Modified-Since}. Read and printed
 * by position, not by a {@code DateTimeFormatter}: a formatter's parse was 4 % of a sweep's CPU.
 */
final class HttpDate {

    /** Not convertible (absent, another date format, or not printed back identically). */
    static final long NONE = Long.MIN_VALUE;

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private HttpDate() {
    }

    /** The date as epoch seconds, or {@link #NONE} when it would not print back as {@code text}. */
    static long seconds(String text) {
        // "Tue, 01 Dec 2026 00:03:29 GMT": fixed positions, fixed separators.
        if (text == null || text.length() != 29 || !text.startsWith(", ", 3) || text.charAt(7) != ' ' || text.charAt(11) != ' '
                || text.charAt(16) != ' ' || text.charAt(19) != ':' || text.charAt(22) != ':' || !text.endsWith(" GMT")) {
            return NONE;
        }
        int month = indexOf(MONTHS, text, 8);
        int day = number(text, 5, 2);
        int year = number(text, 12, 4);
        int hour = number(text, 17, 2);
        int minute = number(text, 20, 2);
        int second = number(text, 23, 2);
        if (month < 0 || day < 1 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
                || day > LocalDate.of(year, month + 1, 1).lengthOfMonth()) {
            return NONE;
        }
        LocalDate date = LocalDate.of(year, month + 1, day);
        if (!text.startsWith(DAYS[date.getDayOfWeek().ordinal()])) {
            return NONE;
        }
        return date.toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second;
    }

    /** The IMF-fixdate of {@code seconds}. */
    static String text(long seconds) {
        long day = Math.floorDiv(seconds, 86_400);
        int time = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(day);
        StringBuilder b = new StringBuilder(29).append(DAYS[date.getDayOfWeek().ordinal()]).append(", ");
        two(b, date.getDayOfMonth()).append(' ').append(MONTHS[date.getMonthValue() - 1]).append(' ');
        int year = date.getYear();
        b.append((char) ('0' + year / 1000 % 10)).append((char) ('0' + year / 100 % 10));
        two(b, year % 100).append(' ');
        two(b, time / 3600).append(':');
        two(b, time / 60 % 60).append(':');
        return two(b, time % 60).append(" GMT").toString();
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static int indexOf(String[] names, String text, int at) {
        for (int i = 0; i < names.length; i++) {
            if (text.startsWith(names[i], at)) {
                return i;
            }
        }
        return -1;
    }

    /** The decimal number of {@code digits} digits at {@code at}, or -1. */
    private static int number(String text, int at, int digits) {
        int v = 0;
        for (int i = at; i < at + digits; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
