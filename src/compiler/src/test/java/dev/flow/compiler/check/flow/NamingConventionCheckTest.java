package dev.flow.compiler.check.flow;

import static dev.flow.compiler.check.flow.FlowTesting.at;
import static dev.flow.compiler.check.flow.FlowTesting.atIn;
import static dev.flow.compiler.check.flow.FlowTesting.reported;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.compiler.diag.Code;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamingConventionCheckTest {
  @Test
  void conventionalNamesGetNothing() {
    String source = """
        package com.acme.test

        role AccountManager
        system HTTPGateway { action sendHTTPRequest(url: Text, retryCount: Int): Text }
        enum Region { Emea, NORTH_AMERICA, Apac2 }
        record Line { amount: Decimal, sku: Text }
        event OrderPlaced { id: Text, lines: List<Line> }

        process Orders {
          category operational
          goal "Every order"
          owner AccountManager
          workflows HandleOrder
          measure timeToShip from HandleOrder.start to HandleOrder.end
        }

        workflow HandleOrder {
          owner AccountManager
          starts on OrderPlaced
          input order: OrderPlaced
          output shippedTo: Text
          let lineCount: Int = size(order.lines)
          step callGateway by HTTPGateway.sendHTTPRequest(url: "x", retryCount: lineCount)
          for each line in order.lines {
            notify AccountManager "{line.sku} {line.amount} {Region.Emea} {Region.NORTH_AMERICA} {Region.Apac2}"
          }
          parallel {
            branch check { step checkOrder by AccountManager within 1d { isOk: Bool } }
          }
          try {
            notify AccountManager "x"
          } catch error {
            notify AccountManager "{error.message}"
          }
          set shippedTo = callGateway
        }
        """;
    assertEquals(List.of(), reported(Code.W001, source));
  }

  @Test
  void everyKindOfName() {
    String source = """
        package com.acme.test

        role account_manager
        system drive { action Create_Folder(Client: Text): Text }
        enum plan { basic, Pro }
        record Line { Amount: Decimal }
        event Order_Placed { id: Text, lines: List<Line> }

        process orders {
          category operational
          goal "Every order"
          owner account_manager
          workflows handleOrder
          measure TimeToShip from handleOrder.start to handleOrder.end
        }

        workflow handleOrder {
          owner account_manager
          starts on Order_Placed
          input Order: Order_Placed
          output Shipped_To: Text
          let Line_Count: Int = size(Order.lines)
          step Call_Drive by drive.Create_Folder(Client: "x")
          for each L in Order.lines {
            notify account_manager "{L.Amount} {Line_Count} {plan.basic} {plan.Pro}"
          }
          parallel {
            branch Check { step checkOrder by account_manager within 1d { Is_Ok: Bool } }
          }
          try {
            notify account_manager "x"
          } catch ERR {
            notify account_manager "{ERR.message}"
          }
          set Shipped_To = Call_Drive
        }
        """;
    assertEquals(List.of(
            at(source, "account_manager") + " role name `account_manager` should be UpperCamelCase",
            at(source, "drive") + " system name `drive` should be UpperCamelCase",
            at(source, "Create_Folder") + " action name `Create_Folder` should be lowerCamelCase",
            at(source, "Client") + " parameter name `Client` should be lowerCamelCase",
            at(source, "plan") + " enum name `plan` should be UpperCamelCase",
            at(source, "basic") + " enum constant `basic` should be UpperCamelCase (or UPPER_SNAKE_CASE)",
            at(source, "Amount") + " field name `Amount` should be lowerCamelCase",
            at(source, "Order_Placed") + " event name `Order_Placed` should be UpperCamelCase",
            at(source, "orders") + " process name `orders` should be UpperCamelCase",
            at(source, "TimeToShip") + " measure name `TimeToShip` should be lowerCamelCase",
            atIn(source, "workflow handleOrder", "handleOrder") + " workflow name `handleOrder` should be"
                + " UpperCamelCase",
            atIn(source, "input Order", "Order") + " input name `Order` should be lowerCamelCase",
            at(source, "Shipped_To") + " output name `Shipped_To` should be lowerCamelCase",
            at(source, "Line_Count") + " variable name `Line_Count` should be lowerCamelCase",
            at(source, "Call_Drive") + " step name `Call_Drive` should be lowerCamelCase",
            atIn(source, "each L", "L") + " variable name `L` should be lowerCamelCase",
            at(source, "Check") + " branch name `Check` should be lowerCamelCase",
            at(source, "Is_Ok") + " field name `Is_Ok` should be lowerCamelCase",
            atIn(source, "catch ERR", "ERR") + " variable name `ERR` should be lowerCamelCase"),
        reported(Code.W001, source));
  }

  @Test
  void suggestions() {
    assertEquals("AccountManager", NamingConventionCheck.toUpperCamel("account_manager"));
    assertEquals("AccountManager", NamingConventionCheck.toUpperCamel("ACCOUNT_MANAGER"));
    assertEquals("AccountManager", NamingConventionCheck.toUpperCamel("accountManager"));
    assertEquals("createFolder", NamingConventionCheck.toLowerCamel("Create_Folder"));
    assertEquals("createFolder", NamingConventionCheck.toLowerCamel("CreateFolder"));
    assertEquals("httpClient", NamingConventionCheck.toLowerCamel("HTTPClient"));
    assertEquals("err", NamingConventionCheck.toLowerCamel("ERR"));
    assertEquals("x", NamingConventionCheck.toLowerCamel("_x"));
  }
}
