package io.graphpresence.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.FABRIKAM;
import static io.graphpresence.local.FunctionHarness.LEE;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The presence board in a real browser: Debian's chromium driven through its chromedriver,
 * both named by path so that nothing is downloaded (Selenium Manager never runs), against the
 * local stack started here with a frozen clock. Skipped, saying why, where they are not installed.
 */
class PresenceBoardTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ALEX = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    private static final String NESTOR = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    /** Where the screenshots go; docs/board.png is the wide one of the demo directory. */
    private static final Path SHOTS = Path.of("target", "board");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** One browser for the class (starting chromium is the slow part); a fresh stack for each test. */
    private static ChromeDriver browser;
    @TempDir
    static Path profile;
    private LocalStack stack;

    /** Each test, not the class, is skipped without a browser, so every one is reported skipped with why. */
    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no browser to drive: install Debian's chromium and chromium-driver (.ci/run does, as root)");
        if (browser == null) {
            browser = startBrowser();
        }
        browser.manage().window().setSize(new Dimension(1280, 860));
        stack = LocalStack.start(new LocalStack.Options(0, null, null), DevClock.frozenAt(FunctionHarness.START));
    }

    private static ChromeDriver startBrowser() {
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,860");
        return new ChromeDriver(driver, options);
    }

    @AfterEach
    void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    @Test
    void theBoardShowsTheSeededDirectory() {
        openBoard();
        List<String> tenants = browser.findElements(By.cssSelector(".tenant h2")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Contoso", "Fabrikam"), tenants);
        List<String> names = browser.findElements(By.cssSelector(".person .name")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Adele Vance", "Alex Wilber", "Megan Bowen", "Lee Gu", "Nestor Wilke"), names);
        assertEquals("Offline", person(MEGAN).getAttribute("data-availability"));
        assertEquals("Offline", text(MEGAN, ".state"), "the availability in words, not only a colour");
        openBoard("/board");
        assertEquals("Presence board", browser.getTitle());
    }

    @Test
    void aSetPresenceTurnsTheDotRedWithinTwoSeconds() throws Exception {
        openBoard();
        setPresence(CONTOSO, MEGAN, "Busy", "InACall");
        new WebDriverWait(browser, Duration.ofSeconds(2))
                .until(page -> "Busy".equals(person(MEGAN).getAttribute("data-availability")));
        assertEquals("rgba(196, 49, 75, 1)", badge(MEGAN).getCssValue("background-color"), "red");
        assertEquals("Busy · In a call", text(MEGAN, ".state"));
    }

    @Test
    void movingTheClockSixMinutesFadesAnAvailableUser() throws Exception {
        openBoard();
        setPresence(CONTOSO, ADELE, "Available", "Available");
        waitFor(ADELE, "Available");
        assertEquals("rgba(19, 161, 14, 1)", badge(ADELE).getCssValue("background-color"), "green");
        post("/_local/clock", null, "{\"advance\":\"PT6M\"}");
        waitFor(ADELE, "AvailableIdle");
        assertEquals("Available, idle · Inactive", text(ADELE, ".state"));
        assertEquals("rgba(232, 162, 0, 1)", badge(ADELE).getCssValue("background-color"), "yellow");
    }

    @Test
    void seenAsAReaderOfAnUntrustingTenantContosoIsUnknown() throws Exception {
        openBoard();
        setPresence(CONTOSO, ADELE, "Busy", "InACall");
        waitFor(ADELE, "Busy");
        // chosen with the keyboard: typing a name into the focused list picks that reader
        WebElement seenAs = browser.findElement(By.id("seen-as"));
        seenAs.sendKeys("Lee Gu");
        assertEquals(LEE, new Select(seenAs).getFirstSelectedOption().getAttribute("value"));
        // Fabrikam's external access is off: Lee sees nobody of Contoso, and his colleague as he is
        waitFor(ADELE, "PresenceUnknown");
        assertEquals("Presence unknown", text(ADELE, ".state"));
        assertEquals("PresenceUnknown", person(MEGAN).getAttribute("data-availability"));
        assertEquals("Offline", person(NESTOR).getAttribute("data-availability"));

        new Select(seenAs).selectByValue("");
        waitFor(ADELE, "Busy");
    }

    /**
     * The demo directory at noon: a meeting and an out-of-office set through the board's own
     * controls, a session faded, a status message; photographed wide and narrow.
     */
    @Test
    void theDemoDirectoryAtNoon() throws Exception {
        openBoard();
        post("/_local/clock", null, "{\"advance\":\"PT3H\"}");
        setPresence(CONTOSO, ADELE, "Available", "Available");
        demo(MEGAN, "meeting");
        demo(LEE, "oof-on");
        waitFor(MEGAN, "Busy");
        waitFor(LEE, "Offline");
        // from the reader list, Tab reaches the clock's +5 min button, and Enter presses it
        browser.findElement(By.id("seen-as")).sendKeys(Keys.TAB);
        WebElement focused = browser.switchTo().activeElement();
        assertEquals("PT5M", focused.getAttribute("data-advance"));
        focused.sendKeys(Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(page -> page.findElement(By.id("clock")).getText().contains("12:05"));
        post("/_local/clock", null, "{\"advance\":\"PT1M\"}");
        waitFor(ADELE, "AvailableIdle");
        setPresence(CONTOSO, ALEX, "DoNotDisturb", "Presenting");
        setPresence(FABRIKAM, NESTOR, "Available", "Available");
        post("/v1.0/users/" + NESTOR + "/presence/setStatusMessage", appToken(FABRIKAM),
                "{\"statusMessage\":{\"message\":{\"content\":\"Back after lunch\",\"contentType\":\"text\"}}}");
        waitFor(ALEX, "DoNotDisturb");
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(page -> text(NESTOR, ".status-message").contains("Back after lunch"));

        assertEquals("Busy · In a meeting", text(MEGAN, ".state"));
        assertEquals("oof", person(LEE).getAttribute("data-tone"));
        assertEquals("Automatic reply: Away from the office", text(LEE, ".oof"));
        assertEquals("Offline · Out of office", text(LEE, ".state"));
        assertEquals("rgba(180, 0, 158, 1)", badge(LEE).getCssValue("background-color"), "purple");
        // set at 12:00, faded at 12:05, and the clock is at 12:06
        assertEquals("changed 1 min ago", text(ADELE, ".since"));
        Files.createDirectories(SHOTS);
        browser.manage().window().setSize(new Dimension(1280, 800));
        Files.write(SHOTS.resolve("board-wide.png"), browser.getScreenshotAs(OutputType.BYTES));

        browser.manage().window().setSize(new Dimension(390, 1400));
        WebElement people = browser.findElement(By.cssSelector(".people"));
        assertTrue(people.getSize().getWidth() <= 390, "no sideways scrolling on a narrow window");
        Files.write(SHOTS.resolve("board-narrow.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private void openBoard() {
        openBoard("/");
    }

    private void openBoard(String path) {
        browser.get(stack.baseUrl() + path);
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(page ->
                page.findElements(By.cssSelector(".person[data-availability]")).size() == 5);
    }

    private WebElement person(String userId) {
        return browser.findElement(By.cssSelector(".person[data-user-id='" + userId + "']"));
    }

    private WebElement badge(String userId) {
        return person(userId).findElement(By.className("badge"));
    }

    private String text(String userId, String selector) {
        return person(userId).findElement(By.cssSelector(selector)).getText();
    }

    private void waitFor(String userId, String availability) {
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(page -> availability.equals(person(userId).getAttribute("data-availability")));
    }

    /** A control of the board's local-stack panel, for one user. */
    private void demo(String userId, String button) {
        new Select(browser.findElement(By.id("demo-user"))).selectByValue(userId);
        browser.findElement(By.id(button)).click();
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(page -> !page.findElement(By.id("control-result")).getText().isEmpty());
        browser.executeScript("document.getElementById('control-result').textContent = ''");
    }

    private void setPresence(String tenantId, String userId, String availability, String activity) throws Exception {
        post("/v1.0/users/" + userId + "/presence/setPresence", appToken(tenantId), "{\"sessionId\":\"" + APP
                + "\",\"availability\":\"" + availability + "\",\"activity\":\"" + activity
                + "\",\"expirationDuration\":\"PT4H\"}");
    }

    private String appToken(String tenantId) throws Exception {
        String answer = post("/_local/token", null, "{\"tenantId\":\"" + tenantId + "\",\"appId\":\"" + APP + "\"}");
        return answer.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    private String post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, () -> path + " answered " + response.statusCode() + " " + response.body());
        return response.body();
    }
}
