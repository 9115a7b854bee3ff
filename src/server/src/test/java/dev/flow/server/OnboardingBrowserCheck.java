package dev.flow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.InstanceState;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The browser check (not part of {@code mvn verify}; run by {@code .ci/browser-check}): the whole
 * onboarding case played in the distribution's headless Chromium by three people in three
 * sessions. The head of operations publishes the intake; Legal approves the NDA; the account
 * manager's checklist form is sent with a mistake, shown again, and then, after the clock has
 * passed its time limit and the task is escalated, fixed and sent; the case page shows it all,
 * with the flowchart drawn by the Mermaid served from the jar (the build must have bundled it).
 * Screenshots go to docs/images.
 */
class OnboardingBrowserCheck {
  private static final Path IMAGES = Path.of("../../docs/images");
  private Onboarding onboarding;
  private final List<WebDriver> browsers = new ArrayList<>();

  @BeforeEach
  void start() {
    onboarding = new Onboarding(Onboarding.diagrams());
  }

  @AfterEach
  void stop() {
    browsers.forEach(WebDriver::quit);
    onboarding.close();
  }

  private WebDriver browser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("flow.chromium", "/usr/bin/chromium"));
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--window-size=1280,1300");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(System.getProperty("flow.chromedriver", "/usr/bin/chromedriver")))
        .usingAnyFreePort().build();
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    browsers.add(driver);
    return driver;
  }

  private WebDriver signIn(String user) {
    WebDriver browser = browser();
    browser.get(onboarding.base() + "/inbox");
    assertTrue(browser.getCurrentUrl().contains("/login"), "signed-out people are sent to sign in");
    browser.findElement(By.id("name")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(user + "-pw");
    browser.findElement(By.cssSelector("form[action='/login'] button")).click();
    assertEquals(user, browser.findElement(By.id("user")).getText());
    return browser;
  }

  private static void screenshot(WebDriver browser, String name) throws IOException {
    Files.createDirectories(IMAGES);
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), IMAGES.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(IMAGES.resolve(name), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
  }

  /** Waits until the browser has followed the redirect of a form it sent. */
  private static void arrives(WebDriver browser, String path) {
    new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(20))
        .until(d -> d.getCurrentUrl().contains(path));
  }

  private static WebElement taskLink(WebDriver browser, String title) {
    return browser.findElement(By.xpath("//table[@id='tasks']//a[normalize-space()='" + title + "']"));
  }

  @Test
  void threePeoplePlayTheWholeOnboardingCase() throws IOException {
    WebDriver olga = signIn("olga");
    WebDriver lee = signIn("lee");
    WebDriver ann = signIn("ann");

    // Intake by event: the head of operations publishes what the website would.
    olga.get(onboarding.base() + "/events");
    new Select(olga.findElement(By.id("type"))).selectByVisibleText("IntakeSubmitted");
    olga.findElement(By.id("json")).sendKeys("{\"client\": \"Globex\", \"contactName\": \"Grace\", \"email\":"
        + " \"grace@globex.example\", \"tier\": \"Enterprise\", \"needsNda\": true, \"documents\": [{\"name\": \"Contract\","
        + " \"url\": \"https://files.example/contract.pdf\", \"pages\": 12}, {\"name\": \"Org chart\", \"url\": null,"
        + " \"pages\": 1}]}");
    olga.findElement(By.id("publish")).click();
    String published = olga.findElement(By.id("published")).getText();
    assertTrue(published.contains("Started DocumentCollection-1"), published);

    // The account manager's inbox is open, and empty: the NDA comes first.
    ann.get(onboarding.base() + "/inbox");
    assertEquals("Nothing to do.", ann.findElement(By.id("empty")).getText());

    // Legal approves the NDA with a comment.
    lee.get(onboarding.base() + "/inbox");
    taskLink(lee, "Nda review").click();
    lee.findElement(By.id("f-comment")).sendKeys("Standard NDA, clause 4 as agreed.");
    lee.findElement(By.id("approve")).click();
    arrives(lee, "/inbox");
    assertEquals("Nothing to do.", lee.findElement(By.id("empty")).getText());

    // The account manager's form, with a mistake: shown again in words, nothing saved. Her inbox
    // shows the new task without a reload (htmx asks for the list again every 10 seconds).
    new org.openqa.selenium.support.ui.WebDriverWait(ann, Duration.ofSeconds(25))
        .until(d -> !d.findElements(By.cssSelector("tr.task[data-step='assignChecklist']")).isEmpty());
    taskLink(ann, "Assign checklist").click();
    ann.findElement(By.id("f-checklist")).sendKeys("https://files.example/globex/checklist");
    ann.findElement(By.id("f-missingItems")).sendKeys("two");
    ann.findElement(By.id("complete")).click();
    String problems = ann.findElement(By.id("problems")).getText();
    assertTrue(problems.contains("Nothing was saved") && problems.contains("missingItems"), problems);
    assertEquals("https://files.example/globex/checklist", ann.findElement(By.id("f-checklist")).getAttribute("value"));
    screenshot(ann, "server-form-error.png");
    assertTrue(onboarding.engine.inbox().task("DocumentCollection-1", "assignChecklist").isOpen());

    // A day passes: the checklist's time limit (1d) is over, and it is escalated to the head of operations.
    onboarding.clock.advance(Duration.ofHours(25));
    olga.get(onboarding.base() + "/inbox");
    WebElement escalated = olga.findElement(By.cssSelector("tr.task.escalated[data-step='assignChecklist']"));
    assertTrue(escalated.getText().contains("escalated") && escalated.getText().contains("overdue"), escalated.getText());
    screenshot(olga, "server-inbox.png");

    // The account manager fixes the form.
    ann.findElement(By.id("f-missingItems")).clear();
    ann.findElement(By.id("f-missingItems")).sendKeys("2");
    ann.findElement(By.id("complete")).click();
    arrives(ann, "/inbox");
    assertEquals(InstanceState.COMPLETED, onboarding.engine.instance("DocumentCollection-1").state());

    // The case page shows it all.
    olga.get(onboarding.base() + "/cases/DocumentCollection-1");
    assertEquals("completed", olga.findElement(By.id("case-state")).getText());
    String history = olga.findElement(By.id("history")).getText();
    assertTrue(history.contains("lee") && history.contains("ann"), history);
    assertTrue(history.contains("Standard NDA, clause 4 as agreed."), history);
    String breaches = olga.findElement(By.id("breaches")).getText();
    assertTrue(breaches.contains("Assign checklist") && breaches.contains("escalated to Head of operations"), breaches);
    assertTrue(olga.findElement(By.id("outputs")).getText().contains("Globex"));
    screenshot(olga, "server-case.png");
    WebElement chart = new org.openqa.selenium.support.ui.WebDriverWait(olga, Duration.ofSeconds(20))
        .until(d -> d.findElement(By.cssSelector("#flowchart svg")));
    assertTrue(chart.getAttribute("outerHTML").contains("Assign checklist"), "Mermaid drew the flowchart");
    ((org.openqa.selenium.JavascriptExecutor) olga).executeScript("document.getElementById('flowchart')"
        + ".scrollIntoView({block: 'start'})");
    screenshot(olga, "server-flowchart.png");

    // The kickoff started after it, in the project lead's hands; the process page measures the case.
    olga.get(onboarding.base() + "/cases?workflow=com.acme.onboarding.Kickoff");
    assertTrue(olga.findElement(By.id("cases")).getText().contains("Kickoff"));
    olga.get(onboarding.base() + "/processes/com.acme.onboarding.ClientOnboarding");
    String measure = olga.findElement(By.cssSelector("tr[data-measure='checklistTurnaround']")).getText();
    assertTrue(measure.contains("1d 1h") && measure.contains("0%"), measure);
    screenshot(olga, "server-process.png");
  }
}
