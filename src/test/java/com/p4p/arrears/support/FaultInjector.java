package com.p4p.arrears.support;

import java.time.LocalDate;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.beans.factory.config.BeanPostProcessor;

import com.p4p.arrears.ops.RunParameters;

/**
 * Fault injection that keeps the production wiring (as Spring Batch samples'
 * {@code ExceptionThrowingItemReaderProxy} wraps the real reader): the bean the application context
 * builds, under its own name, is wrapped in a proxy that runs a test's fault before or after one of
 * its methods. A step-scoped bean is wrapped each time its step creates it. Declare it from a static
 * {@code @Bean} method of the test's configuration (it is a BeanPostProcessor).
 */
public final class FaultInjector implements BeanPostProcessor {

    /** What the test does around the call: throw to fail it, or change the database under it. */
    @FunctionalInterface
    public interface Fault {
        void run() throws Exception;
    }

    private final String beanName;
    private final String method;
    private final boolean before;
    private final Fault fault;

    private FaultInjector(String beanName, String method, boolean before, Fault fault) {
        this.beanName = beanName;
        this.method = method;
        this.before = before;
        this.fault = fault;
    }

    /** Runs {@code fault} after each call of {@code method} on bean {@code beanName} has returned. */
    public static FaultInjector after(String beanName, String method, Fault fault) {
        return new FaultInjector(beanName, method, false, fault);
    }

    /** Runs {@code fault} before each call of {@code method} on bean {@code beanName}. */
    public static FaultInjector before(String beanName, String method, Fault fault) {
        return new FaultInjector(beanName, method, true, fault);
    }

    /** The business date of the run whose step is calling. */
    public static LocalDate businessDate() {
        return StepSynchronizationManager.getContext().getStepExecution().getJobParameters()
                .getLocalDate(RunParameters.BUSINESS_DATE);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        // a step-scoped bean is the scoped proxy under its name and the real bean under scopedTarget.<name>
        boolean target = name.equals("scopedTarget." + beanName) || name.equals(beanName) && !(bean instanceof ScopedObject);
        if (!target) {
            return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setProxyTargetClass(true); // the step-scoped proxy calls the bean's class's methods on it
        proxy.addAdvice((MethodInterceptor) call -> {
            if (!call.getMethod().getName().equals(method)) {
                return call.proceed();
            }
            if (before) {
                fault.run();
            }
            Object result = call.proceed();
            if (!before) {
                fault.run();
            }
            return result;
        });
        return proxy.getProxy(bean.getClass().getClassLoader());
    }
}
